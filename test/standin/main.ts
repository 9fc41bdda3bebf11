/**
 * The `container` stand-in: Apple's `container` CLI grammar and output on top
 * of podman + runc, for integration tests on Linux (test/standin/README.md).
 *
 * Exit codes as Apple's: 0 ok, 1 runtime error, 64 usage error, the process's
 * own code for attached run/start/exec, 128+signal when interrupted.
 */
import { builderDelete, builderStart, builderStatus, builderStop } from './commands/builder';
import { build } from './commands/build';
import { exec } from './commands/exec';
import { imageDelete, imageInspect, imageList, imagePull } from './commands/image';
import { kill, remove, start, stop } from './commands/lifecycle';
import { logs } from './commands/logs';
import {
  networkCreate,
  networkDelete,
  networkInspect,
  networkList,
  networkPrune,
} from './commands/network';
import { inspect, list } from './commands/query';
import { create, run } from './commands/runCreate';
import { stats } from './commands/stats';
import { systemStart, systemStatus, systemStop, systemVersion } from './commands/system';
import { systemDf } from './commands/systemDf';
import {
  volumeCreate,
  volumeDelete,
  volumeInspect,
  volumeList,
  volumePrune,
} from './commands/volume';
import { parseCommandLine, pluginNotFoundMessage } from './cli/parse';
import { usageLines } from './cli/usage';
import type { Command, Context } from './context';
import { AppleError, ExitCode, RawError, renderError, UsageError } from './errors';
import { hostFromEnv, supportsUserNetworks, type Host } from './host';
import { forwardingSignals } from './podman/podman';
import { statePaths } from './state/paths';
import { serviceRunning, startedServerVersion } from './state/service';
import { eraOf, serverVersionFromEnv, versionFromEnv } from './version';
import { setEscapeSlashes } from './json';

const COMMANDS: Readonly<Record<string, Command>> = {
  run,
  create,
  start,
  stop,
  kill,
  delete: remove,
  list,
  inspect,
  exec,
  logs,
  stats,
  build,
  'image list': imageList,
  'image inspect': imageInspect,
  'image pull': imagePull,
  'image delete': imageDelete,
  'system start': systemStart,
  'system stop': systemStop,
  'system status': systemStatus,
  'system version': systemVersion,
  'system df': systemDf,
  'builder start': builderStart,
  'builder status': builderStatus,
  'builder stop': builderStop,
  'builder delete': builderDelete,
  'network create': networkCreate,
  'network delete': networkDelete,
  'network list': networkList,
  'network inspect': networkInspect,
  'network prune': networkPrune,
  'volume create': volumeCreate,
  'volume delete': volumeDelete,
  'volume list': volumeList,
  'volume inspect': volumeInspect,
  'volume prune': volumePrune,
};

/**
 * Before macOS 26 Apple does not register the `network` group, so its name
 * falls through to the plugin lookup like any unknown word.
 */
function refuseHiddenGroup(args: readonly string[], host: Host, serviceUp: boolean): void {
  const word = args.find((arg) => !arg.startsWith('-'));
  if (!supportsUserNetworks(host) && (word === 'network' || word === 'n')) {
    throw new UsageError(pluginNotFoundMessage(word, serviceUp), []);
  }
}

function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`${text}\n`);
}

function help(command: readonly string[]): string {
  const name = command.length === 0 ? 'container' : `container ${command.join(' ')}`;
  return [
    `OVERVIEW: ${name} (stand-in for Apple's container CLI; help text is not reproduced)`,
    '',
    usageLines(command)
      .split('\n')[0]
      ?.replace(/^Usage:/, 'USAGE:') ?? '',
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const version = versionFromEnv(process.env);
  const era = eraOf(version);
  setEscapeSlashes(era.escapedSlashes);
  const paths = statePaths(process.env);
  // Until `system start` runs in this state folder the environment may say an
  // older server is still running (skew); after it, the server is whatever
  // release the caller plays, so tests that switch releases see no skew.
  const restarted = startedServerVersion(paths) !== undefined;
  const serverVersion = restarted ? version : serverVersionFromEnv(process.env, version);
  let host: Host;
  try {
    host = hostFromEnv(process.env);
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
  const ctx: Context = {
    version,
    serverVersion,
    era,
    host,
    paths,
    env: process.env,
    cwd: process.cwd(),
    print: (text) => write(process.stdout, text),
    printError: (text) => write(process.stderr, text),
  };
  try {
    refuseHiddenGroup(args, host, serviceRunning(paths));
    const parsed = parseCommandLine(args, version, serviceRunning(paths));
    switch (parsed.kind) {
      case 'version':
        ctx.print(version.versionLine());
        return 0;
      case 'help':
        ctx.print(help(parsed.command));
        return 0;
      case 'unsupported':
        throw new AppleError(
          'unsupported',
          `stand-in: 'container ${parsed.command.join(' ')}' is not implemented`,
        );
      case 'command': {
        const key = parsed.command.join(' ');
        const command = COMMANDS[key];
        if (!command) {
          throw new AppleError('unsupported', `stand-in: 'container ${key}' is not implemented`);
        }
        return await command(ctx, parsed);
      }
    }
  } catch (error) {
    if (error instanceof ExitCode) {
      return error.code;
    }
    if (error instanceof UsageError) {
      ctx.printError(`Error: ${error.message}\n${usageLines(error.command)}`);
      return 64;
    }
    if (error instanceof AppleError || error instanceof RawError) {
      ctx.printError(renderError(error, era.plainErrors));
      return 1;
    }
    ctx.printError(`Error: stand-in internal error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

// Apple's CLI exits 128+signal when interrupted with nothing attached; with a
// process attached, podmanAttached forwards the signal instead.
process.on('SIGINT', () => forwardingSignals() || process.exit(130));
process.on('SIGTERM', () => forwardingSignals() || process.exit(143));

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: stand-in crashed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
