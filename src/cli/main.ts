import * as path from 'node:path';
import { formatConfigError, isConfigError } from '../core/errors';
import { planWorkspace } from '../core/engine/planWorkspace';
import { renderPlan } from '../core/plan/render';
import { NodeFileSystem } from '../node/fileSystem';
import { parseCliArgs, USAGE, UsageError, type PlanCommandArgs } from './args';
import { version } from '../../package.json';

/**
 * The `slipway` command. Results go to stdout (text, or one JSON object with
 * --json); logs and errors to stderr. Exit codes: 0 success, 1 a config or
 * run-time problem, 2 a usage mistake.
 */

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

async function runPlan(args: PlanCommandArgs, io: Io): Promise<number> {
  const workspaceFolder = path.resolve(io.cwd, args.workspaceFolder ?? '.');
  try {
    const plan = await planWorkspace(new NodeFileSystem(), {
      workspaceFolder,
      configFile: args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
      env: io.env,
      settings: {
        cpus: args.cpus,
        memory: args.memory,
        platform: args.platform,
        rosetta: args.rosetta,
      },
    });
    io.stdout(
      args.json ? `${JSON.stringify({ outcome: 'success', ...plan })}\n` : renderPlan(plan),
    );
    return 0;
  } catch (error) {
    if (!isConfigError(error)) {
      throw error;
    }
    if (args.json) {
      const { file, line, column } = error;
      io.stdout(
        `${JSON.stringify({ outcome: 'error', message: error.message, file, line, column })}\n`,
      );
    } else {
      io.stderr(`slipway: ${formatConfigError(error)}\n`);
    }
    return 1;
  }
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`slipway: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  switch (args.command) {
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'version':
      io.stdout(`slipway ${version}\n`);
      return 0;
    case 'plan':
      return runPlan(args, io);
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Anything that reaches here is Slipway's bug, not the user's: say so plainly.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`slipway: internal error, please report it:\n${detail}\n`);
      process.exitCode = 1;
    },
  );
}
