import { parseArgs } from 'node:util';
import type { PlatformSetting } from '../core/plan/settings';
import { parseSize } from '../core/plan/sizes';
import { isSshTarget, parseSshHostUrl, type SshTarget } from '../core/remote/hostUrl';

/** The `slipway` command line, parsed. Usage mistakes become a UsageError (exit 2). */

export class UsageError extends Error {
  override readonly name = 'SlipwayUsageError';
}

export const USAGE = `Usage: slipway <command> [options]

Commands:
  plan     Print the container commands that would bring the dev container up, running nothing
  up       Bring the dev container up: build or reuse it, start it, run its lifecycle commands
  exec     Run a command in the dev container as the remote user: slipway exec [options] <cmd> [args...]
  stop     Stop the dev container (a Compose config's: every service of its project)
  down     Remove the dev container (--force if it is running); a Compose project: its containers and networks
  ls       List dev containers
  doctor   Check this Mac, container and its service for known problems, each with its fix
  bench    Benchmark this Mac's container runtime (and docker's with --with-docker)

Options:
  --workspace-folder <dir>     The folder that holds .devcontainer (default: the current folder)
  --config <file>              A devcontainer.json other than the default one
  --cpus <n>                   vCPUs for the container (like the slipway.cpus setting)
  --memory <size>              Memory for the container, such as 8G (like slipway.memory)
  --platform <p>               auto, linux/arm64 or linux/amd64 (like slipway.platform)
  --rosetta                    Rosetta in arm64 containers too (like slipway.rosetta)
  --volume-folder <path>       plan, up: keep this workspace folder (node_modules, say) on a named
                               volume (like slipway.volumeFolders); repeat for more
  --remove-existing-container  up: remove the existing container first (rebuild)
  --no-cache                   up: build without the build cache
  --skip-post-attach           up: do not run postAttachCommand
  --experimental-lockfile      up: write devcontainer-lock.json even when it does not exist yet
  --experimental-frozen-lockfile
                               plan, up: fail if devcontainer-lock.json is missing or would change
  --force                      down: remove a running container too
  --volumes                    down: the volume folders' volumes (a Compose project's volumes) too
  --host ssh://[user@]host[:port]
                               Run the containers on another Mac over SSH (or set SLIPWAY_HOST);
                               paths are paths on that Mac
  --json                       plan, ls, doctor, bench: one JSON value on stdout instead of text
  --runs <n>                   bench: how many times each step runs (default 5)
  --with-docker                bench: run the same suite against docker side by side
  --image <ref>                bench: the image to use (default busybox:latest)
  --csv                        bench: the results as CSV on stdout

  -h, --help                   Show this help
  -v, --version                Show Slipway's version

up, exec, stop and down print one JSON object on stdout; progress goes to stderr.
`;

/** The one line a usage mistake ends with. */
export const USAGE_HINT = "Run 'slipway --help' for usage.";

export type CommandName = 'plan' | 'up' | 'exec' | 'stop' | 'down' | 'ls' | 'doctor' | 'bench';

export interface CommandArgs {
  command: CommandName;
  workspaceFolder?: string;
  config?: string;
  cpus?: number;
  memory?: string;
  platform?: PlatformSetting;
  rosetta: boolean;
  /** `--volume-folder`, in the order given. */
  volumeFolders: string[];
  json: boolean;
  removeExisting: boolean;
  noCache: boolean;
  skipPostAttach: boolean;
  /** devcontainer-lock.json: `write` creates it, `frozen` may not change it. */
  lockfile?: 'write' | 'frozen';
  force: boolean;
  volumes: boolean;
  /** `exec`: the command and its arguments. */
  execCommand: string[];
  /** `bench`: runs per step, docker side by side, the image, CSV output. */
  runs?: number;
  withDocker: boolean;
  image?: string;
  csv: boolean;
  /** `--host ssh://…`: the Mac the containers run on (SLIPWAY_HOST when not given). */
  host?: SshTarget;
}

export type CliArgs = CommandArgs | { command: 'help' } | { command: 'version' };

const COMMANDS: readonly string[] = ['plan', 'up', 'exec', 'stop', 'down', 'ls', 'doctor', 'bench'];
const PLATFORMS: readonly string[] = ['auto', 'linux/arm64', 'linux/amd64'];
const VALUE_OPTIONS = new Set([
  '--workspace-folder',
  '--config',
  '--cpus',
  '--memory',
  '--platform',
  '--volume-folder',
  '--host',
]);

function parseCpus(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--cpus takes a whole number of CPUs, at least 1 (got "${text}")`);
  }
  return Number(text);
}

/**
 * node:util's parseArgs explains how to pass a positional that starts with
 * '-' after every unknown option; for a mistyped option that is noise.
 */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '.');
}

/** `--host` or `SLIPWAY_HOST`: a `ssh://` URL, or a usage mistake naming where it came from. */
export function parseHost(text: string | undefined, from: string): SshTarget | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }
  const parsed = parseSshHostUrl(text);
  if (!isSshTarget(parsed)) {
    throw new UsageError(`${from} ${parsed.error}`);
  }
  return parsed;
}

function parseRuns(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100) {
    throw new UsageError(`--runs takes a whole number from 1 to 100 (got "${text}")`);
  }
  return Number(text);
}

function parseMemory(text: string | undefined): string | undefined {
  if (text !== undefined && parseSize(text) === undefined) {
    throw new UsageError(`--memory takes a size such as 8G or 512M (got "${text}")`);
  }
  return text;
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

/**
 * For `exec`, Slipway's options end at the first word that is not one of
 * them (or at `--`): the rest is the command, passed on untouched.
 */
function splitExec(argv: readonly string[]): [string[], string[]] {
  const options: string[] = [];
  let index = argv.indexOf('exec') + 1;
  options.push(...argv.slice(0, index));
  while (index < argv.length) {
    const token = argv[index] ?? '';
    if (token === '--') {
      return [options, argv.slice(index + 1)];
    }
    if (!token.startsWith('-')) {
      break;
    }
    options.push(token);
    if (VALUE_OPTIONS.has(token)) {
      options.push(argv[index + 1] ?? '');
      index++;
    }
    index++;
  }
  return [options, argv.slice(index)];
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  // The command is the first word that is neither an option nor an option's value (`--host ssh://…`).
  const firstWord = argv.find(
    (token, index) => !token.startsWith('-') && !VALUE_OPTIONS.has(argv[index - 1] ?? ''),
  );
  const [optionArgs, execCommand] = firstWord === 'exec' ? splitExec(argv) : [[...argv], []];
  let parsed;
  try {
    parsed = parseArgs({
      args: optionArgs,
      allowPositionals: true,
      strict: true,
      options: {
        'workspace-folder': { type: 'string' },
        config: { type: 'string' },
        cpus: { type: 'string' },
        memory: { type: 'string' },
        platform: { type: 'string' },
        host: { type: 'string' },
        rosetta: { type: 'boolean', default: false },
        'volume-folder': { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
        'remove-existing-container': { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        'skip-post-attach': { type: 'boolean', default: false },
        'experimental-lockfile': { type: 'boolean', default: false },
        'experimental-frozen-lockfile': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        runs: { type: 'string' },
        'with-docker': { type: 'boolean', default: false },
        image: { type: 'string' },
        csv: { type: 'boolean', default: false },
        volumes: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
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
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`Unknown command "${command}".`);
  }
  if (rest.length > 0) {
    throw new UsageError(`Unexpected argument "${rest[0]}".`);
  }
  if (command === 'exec' && execCommand.length === 0) {
    throw new UsageError(
      'exec needs a command to run, such as: slipway exec -- bash -lc "make test"',
    );
  }
  return {
    command: command as CommandName,
    workspaceFolder: values['workspace-folder'],
    config: values.config,
    cpus: parseCpus(values.cpus),
    memory: parseMemory(values.memory),
    platform: parsePlatform(values.platform),
    rosetta: values.rosetta,
    volumeFolders: values['volume-folder'],
    json: values.json,
    removeExisting: values['remove-existing-container'],
    noCache: values['no-cache'],
    skipPostAttach: values['skip-post-attach'],
    ...(values['experimental-frozen-lockfile']
      ? { lockfile: 'frozen' as const }
      : values['experimental-lockfile']
        ? { lockfile: 'write' as const }
        : {}),
    force: values.force,
    volumes: values.volumes,
    execCommand,
    runs: parseRuns(values.runs),
    withDocker: values['with-docker'],
    image: values.image,
    csv: values.csv,
    ...(values.host !== undefined ? { host: parseHost(values.host, '--host') } : {}),
  };
}
