import * as path from 'node:path';
import { createContainerClient } from '../core/client/client';
import { HOOK_IDLE_ENV, hookIdleMs } from '../core/client/timeouts';
import type { ContainerRunner } from '../core/client/types';
import type { EngineDeps } from '../core/engine/deps';
import { ExecaContainerRunner } from './containerRunner';
import { createFeatureSupport } from './features/featureSupport';
import { FileLocks } from './fileLocks';
import { NodeFileSystem } from './fileSystem';
import { ExecaHostCommandRunner } from './hostCommands';
import { locateContainerCli } from './locateContainerCli';
import { FileMemoStore } from './memoStore';
import { tempScratchFolders } from './scratchFolders';
import { RemoteFileSystem } from './remote/remoteFileSystem';
import { RemoteHostCommandRunner } from './remote/remoteHostCommands';
import { remoteContainerRunner } from './remote/remoteRunner';
import type { SshSession } from './remote/sshSession';
import { slipwayStateDir } from './stateDir';

/** A runner that finds the `container` executable on its first call (and says where it found it). */
export interface LazyContainerRunner extends ContainerRunner {
  executable(): Promise<string>;
}

export function lazyContainerRunner(options: {
  containerPath?: string;
  onCommand?: (commandLine: string) => void;
}): LazyContainerRunner {
  let runner: Promise<ExecaContainerRunner> | undefined;
  let executable: Promise<string> | undefined;
  const locate = () => (executable ??= locateContainerCli(options.containerPath));
  const getRunner = () =>
    (runner ??= locate().then(
      (file) => new ExecaContainerRunner({ executable: file, onCommand: options.onCommand }),
    ));
  // A failed search is not remembered: the user may install container and try again.
  const retrying = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      runner = undefined;
      executable = undefined;
      throw error;
    });
  return {
    executable: () => retrying(locate()),
    run: async (command, runOptions) => (await retrying(getRunner())).run(command, runOptions),
    runAttached: async (args, runOptions) =>
      (await retrying(getRunner())).runAttached(args, runOptions),
  };
}

/**
 * The engine wired to this machine. The `container` executable is located
 * lazily, on the first call, so that commands which never need it (and
 * errors in the config) do not depend on it being installed.
 */
export function createEngineDeps(options: {
  containerPath?: string;
  env?: Record<string, string | undefined>;
  log: (text: string) => void;
  onCommand?: (commandLine: string) => void;
  /** Wraps the runner, for measuring (the benchmark counts and times every call). */
  wrapRunner?: (runner: ContainerRunner) => ContainerRunner;
  /** An existing runner to share (the editor's, so that the tree and the engine find one binary). */
  runner?: ContainerRunner;
  /** Who is working, for another Slipway kept waiting: `slipway up`. */
  command?: string;
  /** `--host`: containers, files and initializeCommand on that Mac, over SSH. */
  remote?: SshSession;
}): EngineDeps {
  const remote = options.remote;
  // What Slipway remembers about one Mac's containers is kept apart from another's.
  const stateDir =
    remote === undefined
      ? slipwayStateDir(options.env)
      : path.join(
          slipwayStateDir(options.env),
          'hosts',
          remote.label.replace(/[^A-Za-z0-9._@-]/g, '_'),
        );
  const runner =
    options.runner ??
    (remote !== undefined
      ? remoteContainerRunner(remote, { onCommand: options.onCommand })
      : lazyContainerRunner(options));
  const wrapped = options.wrapRunner?.(runner) ?? runner;
  return {
    fs: remote !== undefined ? new RemoteFileSystem(remote) : new NodeFileSystem(),
    client: createContainerClient(wrapped),
    host: remote !== undefined ? new RemoteHostCommandRunner(remote) : new ExecaHostCommandRunner(),
    locks: new FileLocks(path.join(stateDir, 'locks'), {
      command: options.command,
      log: options.log,
    }),
    memos: new FileMemoStore(path.join(stateDir, 'containers')),
    // Features build their context in a local folder the remote Mac cannot see: not over --host yet.
    ...(remote === undefined
      ? {
          features: createFeatureSupport({
            env: options.env,
            log: options.log,
            offline: options.env?.SLIPWAY_OFFLINE === '1',
          }),
          // dockerfile_inline is written to a local temporary folder, likewise.
          scratch: tempScratchFolders,
        }
      : {}),
    hookIdleMs: hookIdleMs(options.env?.[HOOK_IDLE_ENV]),
    now: () => performance.now(),
    log: options.log,
  };
}
