import { parseArgs } from 'node:util';
import type { PlatformSetting } from '../core/plan/settings';

/** The `slipway` command line, parsed. Usage mistakes become a UsageError (exit 2). */

export class UsageError extends Error {
  override readonly name = 'SlipwayUsageError';
}

export const USAGE = `Usage: slipway <command> [options]

Commands:
  plan     Print the container commands that would bring the dev container up, without running anything.

Options for plan:
  --workspace-folder <dir>   The folder that holds .devcontainer (default: the current folder)
  --config <file>            A devcontainer.json other than the default one
  --cpus <n>                 vCPUs for the container (like the slipway.cpus setting)
  --memory <size>            Memory for the container, such as 8G (like slipway.memory)
  --platform <p>             auto, linux/arm64 or linux/amd64 (like slipway.platform)
  --rosetta                  Rosetta in arm64 containers too (like slipway.rosetta)
  --json                     One JSON object on stdout instead of text

  -h, --help                 Show this help
  -v, --version              Show Slipway's version
`;

export interface PlanCommandArgs {
  command: 'plan';
  workspaceFolder?: string;
  config?: string;
  cpus?: number;
  memory?: string;
  platform?: PlatformSetting;
  rosetta: boolean;
  json: boolean;
}

export type CliArgs = PlanCommandArgs | { command: 'help' } | { command: 'version' };

const PLATFORMS: readonly string[] = ['auto', 'linux/arm64', 'linux/amd64'];

function parseCpus(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const cpus = Number(text);
  if (!/^\d+$/.test(text) || cpus < 1) {
    throw new UsageError(`--cpus takes a whole number of CPUs, at least 1 (got "${text}")`);
  }
  return cpus;
}

function parsePlatform(text: string | undefined): PlatformSetting | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!PLATFORMS.includes(text)) {
    throw new UsageError(`--platform takes ${PLATFORMS.join(', ')} (got "${text}")`);
  }
  return text as PlatformSetting;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'workspace-folder': { type: 'string' },
        config: { type: 'string' },
        cpus: { type: 'string' },
        memory: { type: 'string' },
        platform: { type: 'string' },
        rosetta: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return { command: 'help' };
  }
  if (values.version) {
    return { command: 'version' };
  }
  const [command, ...rest] = positionals;
  if (command === undefined) {
    throw new UsageError('No command given.');
  }
  if (command !== 'plan') {
    throw new UsageError(`Unknown command "${command}".`);
  }
  if (rest.length > 0) {
    throw new UsageError(`Unexpected argument "${rest[0]}".`);
  }
  return {
    command,
    workspaceFolder: values['workspace-folder'],
    config: values.config,
    cpus: parseCpus(values.cpus),
    memory: values.memory,
    platform: parsePlatform(values.platform),
    rosetta: values.rosetta,
    json: values.json,
  };
}
