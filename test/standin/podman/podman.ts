/**
 * Every podman call goes through here: argument arrays only (no shell), with
 * the stand-in's own containers.conf and registries.conf so the machine's
 * podman configuration is never touched, and never a pull: images are local.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppleError } from '../errors';
import { netnsPath } from '../host';
import { statePaths } from '../state/paths';

export interface PodmanResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** test/standin/podman/, found from the bundle in test/standin/dist/. */
const CONFIG_DIR = resolve(__dirname, '..', 'podman');

function podmanEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTAINERS_CONF: join(CONFIG_DIR, 'containers.conf'),
    CONTAINERS_REGISTRIES_CONF: join(CONFIG_DIR, 'registries.conf'),
  };
}

function podmanBinary(): string {
  return process.env.CONTAINER_STANDIN_PODMAN ?? 'podman';
}

/**
 * The program and arguments for one podman call. With CONTAINER_STANDIN_NETNS,
 * podman runs in that network namespace (only the network one: its mounts stay
 * the host's) and keeps its network definitions in the state folder, so the
 * host's `podman network ls` never sees them.
 */
function podmanCommand(args: readonly string[]): [string, string[]] {
  const netns = process.env.CONTAINER_STANDIN_NETNS;
  if (netns === undefined || netns === '') {
    return [podmanBinary(), [...args]];
  }
  const configDir = podmanNetworkConfigDir(netns);
  mkdirSync(configDir, { recursive: true });
  return [
    'nsenter',
    [`--net=${netnsPath(netns)}`, podmanBinary(), '--network-config-dir', configDir, ...args],
  ];
}

/** Where podman keeps the network definitions of one state folder in one netns. */
export function podmanNetworkConfigDir(netns: string): string {
  return join(statePaths(process.env).root, 'podman-networks', netns);
}

/**
 * podman's working folder: the state folder's own, never the caller's. conmon
 * drops `oom`/`oomKilled` marker files in its working folder when a process
 * in the container is OOM-killed, which would litter the user's workspace.
 */
function podmanCwd(): string {
  const dir = join(statePaths(process.env).root, 'podman-cwd');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Run podman and collect its output. Never throws for a non-zero exit. */
export function podman(args: readonly string[], input?: string): Promise<PodmanResult> {
  return new Promise((resolvePromise, reject) => {
    const [file, argv] = podmanCommand(args);
    const child = spawn(file, argv, {
      env: podmanEnv(),
      cwd: podmanCwd(),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({
        code: code ?? 128 + (signal === null ? 0 : signalNumber(signal)),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    if (input !== undefined) {
      child.stdin?.end(input);
    }
  });
}

/** podman's own failure, as an internal error that names the stand-in. */
export function podmanFailure(what: string, result: PodmanResult): AppleError {
  const detail = result.stderr.trim().split('\n').pop() ?? '';
  return new AppleError('internalError', `stand-in: podman ${what} failed: ${detail}`);
}

/** Run podman and fail on a non-zero exit. */
export async function podmanOk(args: readonly string[], what: string): Promise<string> {
  const result = await podman(args);
  if (result.code !== 0) {
    throw podmanFailure(what, result);
  }
  return result.stdout;
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGKILL: 9,
    SIGTERM: 15,
  };
  return numbers[signal] ?? 0;
}

let attached = 0;

/** Whether a process is attached, so that SIGINT/SIGTERM go to it rather than end us. */
export function forwardingSignals(): boolean {
  return attached > 0;
}

/**
 * Run podman wired straight to our own stdin/stdout/stderr (attached run,
 * exec, start -a) and resolve with its exit code. SIGINT and SIGTERM are passed
 * on, as Apple's CLI forwards them to the process; the third one makes us give
 * up with exit 1, as Apple's SignalThreshold does.
 */
export function podmanAttached(
  args: readonly string[],
  stdin: 'inherit' | 'ignore',
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const stdio: StdioOptions = [stdin, 'inherit', 'inherit'];
    const [file, argv] = podmanCommand(args);
    const child = spawn(file, argv, { env: podmanEnv(), cwd: podmanCwd(), stdio });
    attached++;
    let received = 0;
    const forward = (signal: NodeJS.Signals): void => {
      received++;
      if (received >= 3) {
        process.exit(1);
      }
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      attached--;
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? 128 + (signal === null ? 0 : signalNumber(signal)));
    });
  });
}
