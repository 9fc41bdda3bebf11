import type { ComposeServicePlan } from '../../compose/types';
import type { EngineDeps } from '../deps';

/**
 * `network_mode: service:<db>`: in Docker the app shares db's network
 * namespace and reaches it at localhost. Apple's VMs cannot share one, so
 * Slipway starts a small TCP forwarder inside the app's container for each
 * of db's ports (its Compose `ports`, `expose` and the config's
 * `forwardPorts`): it listens on the app's 127.0.0.1:<port> and connects to
 * `<db>:<port>`, the name the managed /etc/hosts block resolves at each
 * connection, so it keeps working when db restarts with a new address.
 *
 * Chosen over a reverse tunnel on the SSH transport because it needs no
 * editor session and works for `slipway up` alone. The forwarder uses the
 * first tool the image has: socat, python3, perl (Debian-based images
 * always have perl-base), then busybox `nc -ll -e` (which listens on every address of the
 * app, not only 127.0.0.1: it has no bind option). A port that cannot
 * be bridged (none of them, or the port is taken in the app's container)
 * becomes a warning naming the port and why; the app then reaches db by
 * name (`db:<port>`) instead. A pid file per port keeps a second `up` from
 * starting another forwarder; a restarted app container gets new ones.
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

/**
 * `$1` the peer's name, then the ports. One line per port on stdout:
 * `bridged <port> <tool>` or `unbridged <port> <why>`. Plain sh; the
 * forwarders are detached from the exec (stdio closed) so it returns.
 */
export const BRIDGE_SCRIPT = [
  'h=$1; shift',
  'for p in "$@"; do',
  '  f=/tmp/.slipway-bridge-$p.pid',
  '  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "bridged $p running"; continue; fi',
  '  if command -v socat >/dev/null 2>&1; then t=socat; socat TCP-LISTEN:$p,bind=127.0.0.1,reuseaddr,fork TCP:$h:$p </dev/null >/dev/null 2>&1 &',
  '  elif command -v python3 >/dev/null 2>&1; then t=python3; python3 -c "$SLIPWAY_PY" $p $h </dev/null >/dev/null 2>&1 &',
  '  elif command -v perl >/dev/null 2>&1; then t=perl; perl -e "$SLIPWAY_PL" $p $h </dev/null >/dev/null 2>&1 &',
  '  elif nc --help 2>&1 | grep -q -- "-e PROG"; then t=nc; nc -ll -p $p -e nc $h $p </dev/null >/dev/null 2>&1 &',
  '  else echo "unbridged $p the image has none of socat, python3, perl or an nc with -e"; continue; fi',
  '  echo $! > "$f"; sleep 0.3',
  '  if kill -0 "$(cat "$f")" 2>/dev/null; then echo "bridged $p $t"; else rm -f "$f"; echo "unbridged $p $t could not listen on 127.0.0.1:$p (in use?)"; fi',
  'done',
].join('\n');

/** TCP port numbers among `5432`, `5432/tcp`; UDP and ranges are not bridged. */
export function bridgeablePorts(ports: readonly string[]): {
  tcp: number[];
  skipped: string[];
} {
  const tcp: number[] = [];
  const skipped: string[] = [];
  for (const port of ports) {
    const match = /^(\d+)(?:\/tcp)?$/.exec(port);
    const number = match === null ? NaN : Number(match[1]);
    if (Number.isInteger(number) && number > 0 && number < 65536) {
      if (!tcp.includes(number)) {
        tcp.push(number);
      }
    } else {
      skipped.push(port);
    }
  }
  return { tcp, skipped };
}

/** Starts the forwarders in the app's container; returns the warnings for ports left unbridged. */
export async function bridgePorts(
  deps: EngineDeps,
  app: ComposeServicePlan,
  signal?: AbortSignal,
): Promise<string[]> {
  const shared = app.sharesNetworkWith;
  if (shared === undefined) {
    return [];
  }
  const { tcp, skipped } = bridgeablePorts(shared.ports);
  const warnings = skipped.map(
    (port) =>
      `network_mode service:${shared.service}: port ${port} is not bridged to ${app.name}'s localhost (only single TCP ports are); reach it at ${shared.service}:${port.split('/')[0]}.`,
  );
  if (tcp.length === 0) {
    return warnings;
  }
  const result = await deps.client.execCapture(
    [
      'exec',
      '--uid',
      '0',
      '-e',
      `SLIPWAY_PY=${PYTHON}`,
      '-e',
      `SLIPWAY_PL=${PERL}`,
      app.containerName,
      '/bin/sh',
      '-c',
      BRIDGE_SCRIPT,
      '-',
      shared.service,
      ...tcp.map(String),
    ],
    { signal, timeoutMs: 30_000 },
  );
  if (result.exitCode !== 0) {
    return [
      ...warnings,
      `network_mode service:${shared.service}: could not start forwarders in ${app.containerName} (exit ${result.exitCode}: ${result.stderr.trim()}); ${app.name} reaches ${shared.service} by name, not at localhost.`,
    ];
  }
  for (const line of result.stdout.split('\n')) {
    const match = /^unbridged (\d+) (.*)$/.exec(line.trim());
    if (match !== null) {
      warnings.push(
        `network_mode service:${shared.service}: port ${match[1]} is not bridged to ${app.name}'s localhost: ${match[2]}; reach it at ${shared.service}:${match[1]}.`,
      );
    }
  }
  return warnings;
}
