import {
  chooseBridges,
  forwarderPorts,
  listeningPorts,
  unbridgedWarning,
  type BridgeInputs,
  type Listener,
} from '../../compose/listening';
import type { ComposePlan, ComposeServicePlan } from '../../compose/types';
import type { EngineDeps } from '../deps';
import { delay } from '../wait';

/**
 * `network_mode: service:<db>`: in Docker the app shares db's network
 * namespace, and each reaches what the other listens on at localhost.
 * Apple's VMs cannot share one, so Slipway starts small TCP forwarders: in
 * the app, on its 127.0.0.1:<port>, to `db:<port>` for db's ports; in db,
 * likewise, to `app:<port>` for the app's. The names are resolved by the
 * managed /etc/hosts block at each connection, so a forwarder keeps working
 * when its target restarts with a new address. Which ports: what each side
 * declares, and what it listens on once started (its /proc/net/tcp*), as
 * chosen in core/compose/listening.ts.
 *
 * Chosen over a reverse tunnel on the SSH transport because it needs no
 * editor session and works for `slipway up` alone. The forwarder uses the
 * first tool the image has: socat, python3, perl (Debian-based images
 * always have perl-base), then busybox `nc -ll -e` (which listens on every
 * address of its container, not only 127.0.0.1: it has no bind option). A
 * port that cannot be bridged becomes a warning naming the port and why;
 * the service is then reached by name (`db:<port>`) instead. A pid file per
 * port keeps a second bridging from starting another forwarder; a restarted
 * container gets new ones.
 */

const PYTHON = [
  'import socket,sys,threading',
  'p=int(sys.argv[1]);h=sys.argv[2]',
  's=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(("127.0.0.1",p));s.listen(64)',
  'def pipe(a,b):',
  '  try:',
  '    while True:',
  '      d=a.recv(65536)',
  '      if not d: break',
  '      b.sendall(d)',
  '  except OSError: pass',
  '  try: b.shutdown(socket.SHUT_WR)',
  '  except OSError: pass',
  'while True:',
  '  c,_=s.accept()',
  '  try: u=socket.create_connection((h,p))',
  '  except OSError: c.close(); continue',
  '  for a,b in ((c,u),(u,c)): threading.Thread(target=pipe,args=(a,b),daemon=True).start()',
].join('\n');

const PERL = [
  'use IO::Socket::INET; my ($p,$h)=@ARGV; $SIG{CHLD}="IGNORE";',
  'my $l=IO::Socket::INET->new(LocalAddr=>"127.0.0.1",LocalPort=>$p,Listen=>64,ReuseAddr=>1) or die "listen: $!";',
  'while (my $c=$l->accept) { if (!fork) { my $u=IO::Socket::INET->new(PeerAddr=>$h,PeerPort=>$p) or exit 1;',
  ' if (!fork) { while (sysread($c,my $b,65536)) { syswrite($u,$b) } shutdown($u,1); exit 0 }',
  ' while (sysread($u,my $b,65536)) { syswrite($c,$b) } shutdown($c,1); exit 0 } close $c }',
].join('\n');

const PID_FILE = '/tmp/.slipway-bridge-';

/**
 * `$1` the target's name, then the ports. One line per port on stdout:
 * `bridged <port> <tool>` or `unbridged <port> <why>`. Plain sh; the
 * forwarders are detached from the exec (stdio closed) so it returns.
 */
export const BRIDGE_SCRIPT = [
  'h=$1; shift',
  'for p in "$@"; do',
  `  f=${PID_FILE}$p.pid`,
  '  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "bridged $p running"; continue; fi',
  '  if command -v socat >/dev/null 2>&1; then t=socat; socat TCP-LISTEN:$p,bind=127.0.0.1,reuseaddr,fork TCP:$h:$p </dev/null >/dev/null 2>&1 &',
  '  elif command -v python3 >/dev/null 2>&1; then t=python3; python3 -c "$SLIPWAY_PY" $p $h </dev/null >/dev/null 2>&1 &',
  '  elif command -v perl >/dev/null 2>&1; then t=perl; perl -e "$SLIPWAY_PL" $p $h </dev/null >/dev/null 2>&1 &',
  '  elif nc --help 2>&1 | grep -q -- "-e PROG"; then t=nc; nc -ll -p $p -e nc $h $p </dev/null >/dev/null 2>&1 &',
  '  else echo "unbridged $p the image has none of socat, python3, perl or an nc with -e to run a forwarder"; continue; fi',
  '  echo $! > "$f"; sleep 0.3',
  '  if kill -0 "$(cat "$f")" 2>/dev/null; then echo "bridged $p $t"; else rm -f "$f"; echo "unbridged $p $t could not listen on 127.0.0.1:$p (in use?)"; fi',
  'done',
].join('\n');

/** What a container listens on, and which of those are Slipway's own live forwarders. */
const LISTENING_SCRIPT = [
  'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null',
  `for f in ${PID_FILE}*.pid; do [ -f "$f" ] || continue; p=\${f#${PID_FILE}}; p=\${p%.pid}`,
  '  kill -0 "$(cat "$f")" 2>/dev/null && echo "slipway-bridge $p"; done',
  'exit 0',
].join('\n');

/** How long an app waits for a peer that declares no port to listen on one (a database starting up). */
export const PEER_LISTEN_WAIT_MS = 10_000;
const PEER_LISTEN_POLL_MS = 1_000;

interface Reading {
  listening: Listener[] | undefined;
  forwarders: number[];
  problem?: string;
}

async function readListening(
  deps: EngineDeps,
  containerName: string,
  signal?: AbortSignal,
): Promise<Reading> {
  const result = await deps.client.execCapture(
    ['exec', '--uid', '0', containerName, '/bin/sh', '-c', LISTENING_SCRIPT],
    { signal, timeoutMs: 15_000 },
  );
  if (result.exitCode !== 0 || !result.stdout.includes('local_address')) {
    const why = (result.stderr.trim() || `exit ${result.exitCode}`).split('\n')[0];
    return { listening: undefined, forwarders: [], problem: why };
  }
  return { listening: listeningPorts(result.stdout), forwarders: forwarderPorts(result.stdout) };
}

/** Starts forwarders in `inside` to `target:<port>`; returns the ports left unbridged and why. */
async function startForwarders(
  deps: EngineDeps,
  inside: string,
  target: string,
  ports: readonly number[],
  signal?: AbortSignal,
): Promise<Array<{ port: number; why: string }>> {
  const result = await deps.client.execCapture(
    [
      'exec',
      '--uid',
      '0',
      '-e',
      `SLIPWAY_PY=${PYTHON}`,
      '-e',
      `SLIPWAY_PL=${PERL}`,
      inside,
      '/bin/sh',
      '-c',
      BRIDGE_SCRIPT,
      '-',
      target,
      ...ports.map(String),
    ],
    { signal, timeoutMs: 30_000 },
  );
  if (result.exitCode !== 0) {
    const why = `no forwarder could be started in ${inside} (exit ${result.exitCode}: ${result.stderr.trim().split('\n')[0] ?? ''})`;
    return ports.map((port) => ({ port, why }));
  }
  return result.stdout.split('\n').flatMap((line) => {
    const match = /^unbridged (\d+) (.*)$/.exec(line.trim());
    return match === null ? [] : [{ port: Number(match[1]), why: match[2]! }];
  });
}

/**
 * Bridges `app` (which has `network_mode: service:<peer>`) and its peer both
 * ways, when both run; returns the warnings for what was left unbridged.
 */
export async function bridgeShared(
  deps: EngineDeps,
  compose: ComposePlan,
  app: ComposeServicePlan,
  running: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<string[]> {
  const shared = app.sharesNetworkWith;
  const peer = compose.services.find((service) => service.name === shared?.service);
  if (
    shared === undefined ||
    peer === undefined ||
    !running.has(app.containerName) ||
    !running.has(peer.containerName)
  ) {
    return [];
  }
  let peerReading = await readListening(deps, peer.containerName, signal);
  const deadline = deps.now() + PEER_LISTEN_WAIT_MS;
  // A database that declares no port may not listen yet: give it a moment, bounded.
  while (
    shared.ports.length === 0 &&
    peerReading.listening !== undefined &&
    !peerReading.listening.some((l) => !peerReading.forwarders.includes(l.port)) &&
    deps.now() < deadline
  ) {
    await delay(PEER_LISTEN_POLL_MS, signal);
    peerReading = await readListening(deps, peer.containerName, signal);
  }
  const ownReading = await readListening(deps, app.containerName, signal);
  const inputs: BridgeInputs = {
    own: app.name,
    peer: peer.name,
    ownDeclared: shared.ownPorts,
    peerDeclared: shared.ports,
    ownListening: ownReading.listening,
    peerListening: peerReading.listening,
    ownForwarders: ownReading.forwarders,
    peerForwarders: peerReading.forwarders,
  };
  const warnings: string[] = [];
  for (const [reading, name] of [
    [peerReading, peer.name],
    [ownReading, app.name],
  ] as const) {
    if (reading.problem !== undefined) {
      warnings.push(
        `network_mode service:${peer.name}: could not read which ports ${name} listens on (${reading.problem}); only its declared ports are bridged.`,
      );
    }
  }
  const choice = chooseBridges(inputs);
  const left = [...choice.unbridged];
  // Into the app's own namespace the forwarders reach the peer, and the other way round.
  for (const [into, ports, inside, target] of [
    ['own', choice.intoOwn, app.containerName, peer.name],
    ['peer', choice.intoPeer, peer.containerName, app.name],
  ] as const) {
    if (ports.length > 0) {
      const failed = await startForwarders(deps, inside, target, ports, signal);
      left.push(...failed.map((item) => ({ ...item, into })));
    }
  }
  warnings.push(...left.map((item) => unbridgedWarning(inputs, item)));
  return warnings;
}

/** The services whose bridging a start of `started` calls for: its own, and that of whoever shares its network. */
export function bridgesAfterStart(
  compose: ComposePlan,
  started: ComposeServicePlan,
): ComposeServicePlan[] {
  return compose.services.filter(
    (service) =>
      service.sharesNetworkWith !== undefined &&
      (service.name === started.name || service.sharesNetworkWith.service === started.name),
  );
}
