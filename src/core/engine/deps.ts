import type { ContainerInfo, ImageInfo } from '../client/types';
import type { FeatureSupport } from '../features/resolved';
import type { HostFileSystem } from '../host';

/**
 * What the engine needs from the outside world, as small interfaces. The
 * command line and the editor wire the real ones from src/node; tests may
 * wire others.
 */

/** The `container` verbs the engine uses, over the one runner. */
export interface ContainerClient {
  /** The CLI's version, e.g. `1.2.2`. */
  version(signal?: AbortSignal): Promise<string>;
  list(signal?: AbortSignal): Promise<ContainerInfo[]>;
  inspect(id: string, signal?: AbortSignal): Promise<ContainerInfo | undefined>;
  start(id: string, signal?: AbortSignal): Promise<void>;
  stop(id: string, signal?: AbortSignal): Promise<void>;
  remove(id: string, force: boolean, signal?: AbortSignal): Promise<void>;
  /** The last lines of the VM's boot log (`logs --boot -n`), where the guest kernel's OOM kills are. */
  bootLog(id: string, signal?: AbortSignal): Promise<string>;
  /** A locally stored image, or `undefined` when there is none by that reference. */
  imageInspect(
    reference: string,
    options?: { platform?: string; signal?: AbortSignal },
  ): Promise<ImageInfo | undefined>;
  imagePull(reference: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Runs a planned `container build`/`run` argv (without the leading `container`); returns stdout. */
  runPlanned(
    args: string[],
    options: { signal?: AbortSignal; onLog?: (line: string) => void },
  ): Promise<string>;
  /** `container exec ...`, output captured. */
  execCapture(
    args: string[],
    options: { signal?: AbortSignal; input?: string; timeoutMs?: number },
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** `container exec ...`, output streamed to the callbacks (or inherited when none). */
  execStreaming(
    args: string[],
    options: {
      signal?: AbortSignal;
      stdin?: 'inherit' | 'ignore';
      onStdout?: (chunk: string) => void;
      onStderr?: (chunk: string) => void;
      /** No output for this long ends the call with a timeout error (hooks). */
      idleTimeoutMs?: number;
    },
  ): Promise<number>;
}

/** Runs `initializeCommand` on the host: a string through `/bin/sh -c`, an array as it is. */
export interface HostCommandRunner {
  run(
    argv: string[],
    options: { cwd: string; signal?: AbortSignal; onOutput?: (chunk: string) => void },
  ): Promise<number>;
}

/** One `up` at a time per dev container, across processes. */
export interface WorkspaceLocks {
  acquire(key: string, signal?: AbortSignal): Promise<() => Promise<void>>;
}

/** What Slipway remembers about a container between runs, on the host. */
export interface ContainerMemo {
  containerId: string;
  creationDate?: string;
  startedDate?: string;
  remoteUser: string;
  home: string;
  shell: string;
  /** The probed environment of the remote user's shell, minus the container's own. */
  probedEnv: Record<string, string>;
  /** Where the workspace is inside the container (for terminals opened from the tree). */
  remoteWorkspaceFolder?: string;
  /** Hooks were due when this was written and have not all succeeded since: check the markers again. */
  hooksPending?: boolean;
  /** Compose: the project's containers and starts the managed /etc/hosts blocks were last written for. */
  hostsSignature?: string;
  /** The owner and volumes the volume folders' ownership was last fixed for (see volumeOwnership.ts). */
  volumeOwnership?: string;
}

export interface MemoStore {
  read(containerId: string): Promise<ContainerMemo | undefined>;
  write(memo: ContainerMemo): Promise<void>;
  forget(containerId: string): Promise<void>;
}

/** A file Slipway writes for a command and removes after it. */
export interface ScratchFile {
  /** Relative to the folder, `/`-separated. */
  path: string;
  content: string;
  mode: number;
}

/** Slipway's own temporary folders, never in the user's workspace. */
export interface ScratchFolders {
  /** Writes the files into a new private temporary folder; `dispose` removes it. */
  write(files: readonly ScratchFile[]): Promise<{ dir: string; dispose(): Promise<void> }>;
}

export interface EngineDeps {
  fs: HostFileSystem;
  client: ContainerClient;
  host: HostCommandRunner;
  locks: WorkspaceLocks;
  memos: MemoStore;
  /** Dev Container Features: fetching and the build context. Without it, a config with Features is refused. */
  features?: FeatureSupport;
  /** Where generated build inputs (Compose's `dockerfile_inline`) are written. Without it they are refused. */
  scratch?: ScratchFolders;
  /** How long a lifecycle hook in the container may print nothing before it is taken as stuck. */
  hookIdleMs?: number;
  /** Milliseconds, for timings. */
  now(): number;
  /** Progress for people (stderr in the CLI, the log in the editor). */
  log(line: string): void;
}
