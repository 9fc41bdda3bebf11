import type { ContainerClient } from '../engine/deps';
import { classifyFailure } from './classifyFailure';
import { cliVersionError, versionCommand } from './cliVersion';
import {
  deleteCommand,
  inspectCommand,
  listCommand,
  logsCommand,
  startCommand,
  stopCommand,
} from './containerCommands';
import { imageInspectCommand, imagePullCommand } from './imageCommands';
import { commandFromArgv } from './planCommand';
import { isContainerCliError, type ContainerCommand, type ContainerRunner } from './types';

/**
 * The verbs the engine uses, each a builder from this folder run through the
 * one runner. Nothing here starts a process itself.
 */

/** Enough of the boot log for the last OOM kills, bounded so a long-lived VM's log stays small. */
const BOOT_LOG_LINES = 400;

const ALL_EXIT_CODES = Array.from({ length: 255 }, (_, i) => i + 1);

interface Captured {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * `container exec` whose own exit code is the result. Apple's CLI exits 1 too
 * when it fails itself (not running, service down): those are told apart by
 * Apple's error text and raised as the error they are.
 */
function captureCommand(
  args: string[],
  input?: string,
  timeoutMs?: number,
): ContainerCommand<Captured> {
  return {
    args,
    summary: 'run a command in the dev container',
    acceptExitCodes: ALL_EXIT_CODES,
    ...(input !== undefined ? { input } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    parse: (stdout, outcome) => {
      const exitCode = outcome?.exitCode ?? 0;
      const stderr = outcome?.stderr ?? '';
      if (exitCode !== 0) {
        const failure = classifyFailure(args, exitCode, stderr);
        if (failure.kind !== 'failed' && failure.kind !== 'usage') {
          throw failure;
        }
      }
      return { exitCode, stdout, stderr };
    },
  };
}

export function createContainerClient(runner: ContainerRunner): ContainerClient {
  return {
    async version(signal) {
      const version = await runner.run(versionCommand(), { signal });
      const tooOld = cliVersionError(version);
      if (tooOld !== undefined) {
        throw tooOld;
      }
      return version;
    },
    list: (signal) => runner.run(listCommand(), { signal }),
    async inspect(id, signal) {
      try {
        const [info] = await runner.run(inspectCommand([id]), { signal });
        return info;
      } catch (error) {
        if (isContainerCliError(error) && error.kind === 'containerNotFound') {
          return undefined;
        }
        throw error;
      }
    },
    start: (id, signal) => runner.run(startCommand(id), { signal }),
    stop: (id, signal) => runner.run(stopCommand(id), { signal }),
    remove: (id, force, signal) => runner.run(deleteCommand(id, { force }), { signal }),
    bootLog: (id, signal) =>
      runner.run(logsCommand(id, { boot: true, lines: BOOT_LOG_LINES }), { signal }),
    async imageInspect(reference, options = {}) {
      try {
        return await runner.run(imageInspectCommand(reference, { platform: options.platform }), {
          signal: options.signal,
        });
      } catch (error) {
        if (isContainerCliError(error) && error.kind === 'imageNotFound') {
          return undefined;
        }
        throw error;
      }
    },
    imagePull: (reference, options = {}) =>
      runner.run(imagePullCommand(reference), { signal: options.signal }),
    runPlanned: (args, options) =>
      runner.run(commandFromArgv(args), { signal: options.signal, onStderr: options.onLog }),
    execCapture: (args, options) =>
      runner.run(captureCommand(args, options.input, options.timeoutMs), {
        signal: options.signal,
      }),
    execStreaming: (args, options) => runner.runAttached(args, options),
  };
}
