import * as path from 'node:path';
import { createContainerClient } from '../core/client/client';
import type { ContainerRunner } from '../core/client/types';
import type { EngineDeps } from '../core/engine/deps';
import { ExecaContainerRunner } from './containerRunner';
import { FileLocks } from './fileLocks';
import { NodeFileSystem } from './fileSystem';
import { ExecaHostCommandRunner } from './hostCommands';
import { locateContainerCli } from './locateContainerCli';
import { FileMemoStore } from './memoStore';
import { slipwayStateDir } from './stateDir';

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
}): EngineDeps {
  const stateDir = slipwayStateDir(options.env);
  let runner: Promise<ContainerRunner> | undefined;
  const getRunner = () =>
    (runner ??= locateContainerCli(options.containerPath).then(
      (executable) => new ExecaContainerRunner({ executable, onCommand: options.onCommand }),
    ));
  const lazyRunner: ContainerRunner = {
    run: async (command, runOptions) => (await getRunner()).run(command, runOptions),
    runAttached: async (args, runOptions) => (await getRunner()).runAttached(args, runOptions),
  };
  const wrapped = options.wrapRunner?.(lazyRunner) ?? lazyRunner;
  return {
    fs: new NodeFileSystem(),
    client: createContainerClient(wrapped),
    host: new ExecaHostCommandRunner(),
    locks: new FileLocks(path.join(stateDir, 'locks')),
    memos: new FileMemoStore(path.join(stateDir, 'containers')),
    now: () => performance.now(),
    log: options.log,
  };
}
