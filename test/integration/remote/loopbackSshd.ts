import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';

/**
 * A loopback sshd that plays "the other Mac" for the remote-host tests.
 *
 * The test run starts it itself: `/usr/sbin/sshd -D` as the current user,
 * listening only on 127.0.0.1 at a free port, with its own host key, its own
 * authorized client key (both 0600 in a temp folder) and its own sshd_config
 * (no PAM, no passwords, no keyboard-interactive). Commands keep their argv:
 * there is no ForceCommand; the remote environment (PATH with the stand-in
 * `container` first, the stand-in's state folder) comes from `SetEnv`, which
 * sshd applies after its own defaults. Nothing is written under ~/.ssh or
 * /etc/ssh: clients get an ssh_config of their own from `writeClientConfig`
 * (Host alias → 127.0.0.1:port, the client key, the pinned host key,
 * StrictHostKeyChecking yes).
 *
 * Needs the openssh-server package (test/standin/setup.sh installs it and
 * makes sure no system sshd is left running). See README.md beside this file.
 */

export const SSHD = '/usr/sbin/sshd';
const ROOT = path.resolve(__dirname, '../../..');
/** The stand-in `container` (a shell script that runs node on its bundle). */
export const STANDIN_BIN = path.join(ROOT, 'test', 'standin', 'bin');
/** The folder of the node running the tests, so the stand-in finds `node` remotely. */
const NODE_BIN = path.dirname(process.execPath);
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface LoopbackSshdOptions {
  /**
   * PATH of every remote command. Default: the stand-in first, then node's
   * folder and the system's. Pass `withoutContainerPath()` to play a Mac
   * where `container` is not installed.
   */
  remotePath?: string;
  /** More variables for the remote commands (e.g. CONTAINER_STANDIN_STATE). */
  remoteEnv?: Record<string, string>;
}

export interface ClientConfigOptions {
  /** The Host alias clients use. */
  alias: string;
  /** Where to write the ssh_config; default a file in the sshd's folder. */
  file?: string;
  /**
   * The host key line pinned in the client's known_hosts. Default: the
   * sshd's real key. Pass `otherHostKey()` to play a host key mismatch.
   */
  pinnedHostKey?: string;
}

export interface LoopbackSshd {
  readonly port: number;
  readonly user: string;
  /** The temp folder holding keys, configs and the log. */
  readonly dir: string;
  /** The client's private key (0600), authorized on this sshd. */
  readonly clientKey: string;
  /** The sshd's public host key (`ssh-ed25519 AAAA…`). */
  readonly hostKey: string;
  /** Writes a client ssh_config for this sshd and returns its path. */
  writeClientConfig(options: ClientConfigOptions): string;
  /** What sshd logged so far (connections, authentications, errors). */
  log(): string;
  /** Stops sshd and removes its folder. */
  stop(): Promise<void>;
}

/** PATH for a remote without `container` (node and the system only). */
export function withoutContainerPath(): string {
  return `${NODE_BIN}:${SYSTEM_PATH}`;
}

/** A freshly generated host key line that is NOT any running sshd's key. */
export function otherHostKey(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'slipway-otherkey-'));
  try {
    const key = path.join(dir, 'key');
    keygen(key, 'other host key');
    return readFileSync(`${key}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts an sshd on 127.0.0.1 at a free port; resolves once it is listening. */
export async function startLoopbackSshd(options: LoopbackSshdOptions = {}): Promise<LoopbackSshd> {
  const dir = mkdtempSync(path.join(tmpdir(), 'slipway-sshd-'));
  chmodSync(dir, 0o700);
  const hostKeyFile = path.join(dir, 'host_ed25519');
  const clientKey = path.join(dir, 'client_ed25519');
  keygen(hostKeyFile, 'slipway loopback sshd');
  keygen(clientKey, 'slipway loopback client');
  const authorized = path.join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  const hostKey = readFileSync(`${hostKeyFile}.pub`, 'utf8')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .join(' ');
  // sshd started as root insists on its privilege separation folder.
  if (process.getuid?.() === 0) {
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  }

  const remoteEnv: Record<string, string> = {
    PATH: options.remotePath ?? `${STANDIN_BIN}:${NODE_BIN}:${SYSTEM_PATH}`,
    ...options.remoteEnv,
  };
  const logFile = path.join(dir, 'sshd.log');
  let child: ChildProcess | undefined;
  let port = 0;
  // A free port can be taken between probing and binding: try a few.
  for (let attempt = 0; attempt < 5 && child === undefined; attempt++) {
    port = await freeLoopbackPort();
    const config = path.join(dir, 'sshd_config');
    writeFileSync(config, sshdConfig({ dir, port, hostKeyFile, authorized, remoteEnv }), {
      mode: 0o600,
    });
    child = await launch(config, logFile);
  }
  if (child === undefined) {
    const logged = readFileSync(logFile, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`loopback sshd found no free port:\n${logged}`);
  }
  const running = child;
  const user = userInfo().username;

  return {
    port,
    user,
    dir,
    clientKey,
    hostKey,
    writeClientConfig({ alias, file, pinnedHostKey }) {
      const target = file ?? path.join(dir, `ssh_config_${alias}`);
      // One known_hosts per config file, so a config pinning another key cannot spoil this one.
      const knownHosts = `${target}.known_hosts`;
      writeFileSync(knownHosts, `[127.0.0.1]:${port} ${pinnedHostKey ?? hostKey}\n`, {
        mode: 0o600,
      });
      writeFileSync(
        target,
        [
          `Host ${alias}`,
          '  HostName 127.0.0.1',
          `  Port ${port}`,
          `  User ${user}`,
          `  IdentityFile ${clientKey}`,
          '  IdentitiesOnly yes',
          `  UserKnownHostsFile ${knownHosts}`,
          '  GlobalKnownHostsFile /dev/null',
          '  StrictHostKeyChecking yes',
          '  CheckHostIP no',
          '  LogLevel ERROR',
          '',
        ].join('\n'),
        { mode: 0o600 },
      );
      return target;
    },
    log: () => readFileSync(logFile, 'utf8'),
    stop: async () => {
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        running.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sshdConfig(input: {
  dir: string;
  port: number;
  hostKeyFile: string;
  authorized: string;
  remoteEnv: Record<string, string>;
}): string {
  const setEnv = Object.entries(input.remoteEnv).map(([name, value]) => {
    if (/[\s"\\]/.test(value)) {
      throw new Error(`loopback sshd: ${name} value needs no blanks or quotes: ${value}`);
    }
    return `${name}=${value}`;
  });
  return [
    'ListenAddress 127.0.0.1',
    `Port ${input.port}`,
    `HostKey ${input.hostKeyFile}`,
    `PidFile ${path.join(input.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${input.authorized}`,
    'AuthenticationMethods publickey',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The test runs as whoever runs it, root in CI.
    'PermitRootLogin prohibit-password',
    // The keys live under /tmp, which is world-writable (sticky): StrictModes would refuse them.
    'StrictModes no',
    'PermitUserEnvironment no',
    'AllowTcpForwarding yes',
    'X11Forwarding no',
    'PrintMotd no',
    'Banner none',
    'LogLevel VERBOSE',
    // Many multiplexed sessions and parallel ssh connections in one test.
    'MaxSessions 50',
    'MaxStartups 50',
    `SetEnv ${setEnv.join(' ')}`,
    '',
  ].join('\n');
}

/**
 * Spawns sshd logging to `logFile` (read back synchronously by `log()`, even
 * while a test blocks in spawnSync) and resolves when it listens, or
 * undefined when the port was taken meanwhile.
 */
async function launch(config: string, logFile: string): Promise<ChildProcess | undefined> {
  writeFileSync(logFile, '');
  const child = spawn(SSHD, ['-D', '-f', config, '-E', logFile], { stdio: 'ignore' });
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const logged = readFileSync(logFile, 'utf8');
    if (spawnError !== undefined) {
      throw new Error(`cannot start ${SSHD} (is openssh-server installed?): ${spawnError.message}`);
    }
    if (/Server listening on 127\.0\.0\.1/.test(logged)) {
      return child;
    }
    if (child.exitCode !== null) {
      if (/Address already in use/.test(logged)) {
        return undefined;
      }
      throw new Error(`loopback sshd exited ${child.exitCode}:\n${logged}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`loopback sshd did not listen within 10 s:\n${readFileSync(logFile, 'utf8')}`);
}

function keygen(file: string, comment: string): void {
  const result = spawnSync(
    'ssh-keygen',
    ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`ssh-keygen failed: ${result.stderr}`);
  }
  chmodSync(file, 0o600);
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
