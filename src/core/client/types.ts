/**
 * The `container` client's model: commands as data (argv + how to read the
 * output), the normalised shapes Slipway reads from both JSON eras (before and
 * after 1.0), and the typed errors a user can act on.
 */

/** How a finished `container` call ended, for parsers that read more than stdout. */
export interface CommandOutcome {
  exitCode: number;
  stderr: string;
}

/** A `container` invocation described, not run. Only the runner in src/node runs it. */
export interface ContainerCommand<T> {
  /** Arguments after the executable, e.g. `['list', '--all', '--format', 'json']`. */
  args: string[];
  /**
   * Turns stdout into the result. Throws a ContainerCliError of kind 'unexpectedOutput' on garbage.
   * `outcome` is given by the runner; without it, exit code 0 is assumed.
   */
  parse(stdout: string, outcome?: CommandOutcome): T;
  /**
   * Non-zero exit codes that are an answer rather than a failure, handed to `parse` with stdout
   * (`system status` exits 1 to say "not running"). Any other non-zero code goes to
   * `classifyFailure`.
   */
  acceptExitCodes?: readonly number[];
  /** Per-verb time limit, after which the process is killed; `undefined` = no limit (long builds). */
  timeoutMs?: number;
  /** Text to send on stdin, if any. */
  input?: string;
  /** What the command does, for logs and error messages ("list containers"). */
  summary: string;
}

export type ContainerState = 'running' | 'stopped' | 'stopping' | 'unknown';

export interface PublishedPortInfo {
  hostAddress: string;
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp';
  count: number;
}

/** One container, from `list --format json` or `inspect`, in either era. */
export interface ContainerInfo {
  id: string;
  state: ContainerState;
  /** The normalised image reference (`docker.io/library/alpine:latest`). */
  image: string;
  /** IPv4 address without the prefix; `undefined` when stopped. */
  ipAddress?: string;
  /** The first network's IPv4 gateway; `undefined` when stopped. */
  gateway?: string;
  cpus?: number;
  memoryBytes?: number;
  os?: string;
  architecture?: string;
  rosetta: boolean;
  /** Labels with Slipway's `=`-encoding already decoded. */
  labels: Record<string, string>;
  publishedPorts: PublishedPortInfo[];
  /** ISO-8601; pre-1.0 seconds-since-2001 are converted. */
  startedDate?: string;
  creationDate?: string;
  /** The init process's environment (`K=V` strings), user and working directory. */
  environment: string[];
  user?: string;
  workingDirectory?: string;
}

export interface ImageInfo {
  reference: string;
  /** The image's id or index digest, which changes when a rebuild changes the image. */
  id?: string;
  /** Platforms of the image (`linux/arm64`, ...). */
  platforms: string[];
  /** Labels of the image config (the first variant that has them), e.g. `devcontainer.metadata`. */
  labels: Record<string, string>;
  /** The image config's `User`, `Env`, `Entrypoint`, `Cmd`, `WorkingDir`. */
  user?: string;
  env: string[];
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
}

export interface SystemStatus {
  running: boolean;
  /** Apple's own word for the state: `running`, `not running`, `unregistered`. */
  status?: string;
  /** Apple's sentence, when it gave one (`apiserver is not running and not registered with launchd`). */
  detail?: string;
  /** The API server's version, when running and reported. */
  version?: string;
  /** The CLI's own version, which `system status` reports from 1.4.1 on; differs from `version` during skew. */
  clientVersion?: string;
}

export interface ContainerStats {
  id: string;
  cpuUsageUsec?: number;
  memoryUsageBytes?: number;
  memoryLimitBytes?: number;
  numProcesses?: number;
}

/** What went wrong, as far as the user is concerned. */
export type ContainerErrorKind =
  /** Not found, or found but not executable (EACCES): the remedy is the same, fix the path. */
  | 'cliMissing'
  | 'cliTooOld'
  | 'serviceNotRunning'
  | 'imageNotFound'
  | 'nameConflict'
  | 'containerNotFound'
  | 'notRunning'
  /** The container is running and the operation (a delete without force) needs it stopped. */
  | 'containerRunning'
  | 'usage'
  | 'timeout'
  | 'cancelled'
  | 'unexpectedOutput'
  | 'failed';

/**
 * A failed `container` call. `message` says what happened and what to do,
 * in Apple's words where it has them; `stderr` keeps the raw text for the log.
 * Recognised by `name`, so it survives bundling.
 */
export class ContainerCliError extends Error {
  override readonly name = 'SlipwayContainerCliError';
  constructor(
    readonly kind: ContainerErrorKind,
    message: string,
    readonly details: { args?: readonly string[]; exitCode?: number; stderr?: string } = {},
  ) {
    super(message);
  }
}

export function isContainerCliError(error: unknown): error is ContainerCliError {
  return error instanceof Error && error.name === 'SlipwayContainerCliError';
}

/** The one thing that runs `container` commands (implemented in src/node with execa). */
export interface ContainerRunner {
  run<T>(
    command: ContainerCommand<T>,
    options?: { signal?: AbortSignal; onStderr?: (line: string) => void },
  ): Promise<T>;
  /**
   * Runs with stdin, stdout and stderr attached to the caller's (for `exec`
   * and lifecycle commands whose output the user watches); resolves with the
   * process's exit code rather than throwing for a non-zero one.
   */
  runAttached(
    args: string[],
    options?: {
      signal?: AbortSignal;
      stdin?: 'inherit' | 'ignore' | string;
      onStdout?: (chunk: string) => void;
      onStderr?: (chunk: string) => void;
      /** With output callbacks: stop the call after this long without output (an idle watchdog). */
      idleTimeoutMs?: number;
    },
  ): Promise<number>;
}
