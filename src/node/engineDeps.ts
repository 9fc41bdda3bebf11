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
}): EngineDeps {
  const stateDir = slipwayStateDir(options.env);
  const runner = options.runner ?? lazyContainerRunner(options);
  const wrapped = options.wrapRunner?.(runner) ?? runner;
  return {
    fs: new NodeFileSystem(),
    client: createContainerClient(wrapped),
    host: new ExecaHostCommandRunner(),
    locks: new FileLocks(path.join(stateDir, 'locks'), {
      command: options.command,
      log: options.log,
    }),
    memos: new FileMemoStore(path.join(stateDir, 'containers')),
    features: createFeatureSupport({
      env: options.env,
      log: options.log,
      offline: options.env?.SLIPWAY_OFFLINE === '1',
    }),
    scratch: tempScratchFolders,
    hookIdleMs: hookIdleMs(options.env?.[HOOK_IDLE_ENV]),
    now: () => performance.now(),
    log: options.log,
  };
}
