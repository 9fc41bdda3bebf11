import { labelArgs } from '../plan/labels';
import type { PlatformChoice } from '../plan/platform';
import type { PlanWarning } from '../plan/problems';
import { parseSize } from '../plan/sizes';
import { requirementFor, RUN_FLAG_SINCE, type VersionRequirement } from '../plan/versions';
import type { ServiceProcess } from './process';
import {
  failAtNode,
  formatKeyPath,
  isMap,
  keyWhere,
  scalarText,
  type ComposeNode,
  type MapNode,
} from './tree';
import { isTrue } from './values';

/**
 * `container run` for one service: the options Apple has, from the keys
 * Compose has, every one before the image.
 */

export interface RunInput {
  service: string;
  node: MapNode;
  containerName: string;
  image: string;
  platform: PlatformChoice;
  cpus: number;
  memory: string;
  process: ServiceProcess;
  labels: Record<string, string>;
  env: ReadonlyArray<readonly [string, string]>;
  mountArgs: readonly string[];
  ports: readonly string[];
  networks: readonly string[];
  /** Search domains under the registered DNS domain, after the service's own `dns_search`. */
  dnsSearch: readonly string[];
  /** Run in the foreground to completion (a one-shot dependency). */
  foreground: boolean;
  /** For the dev container: its own user, capabilities and init from devcontainer.json. */
  user?: string;
  capAdd?: readonly string[];
  init?: boolean;
  warnings: PlanWarning[];
}

export interface RunCommand {
  argv: string[];
  requirements: VersionRequirement[];
}

/**
 * The planner's requirement for a `run` option: the release that added it,
 * and the one that removed it (the removal table), so that a plan using an
 * option a release no longer has is refused on it, not failed with exit 64.
 */
function need(requirements: VersionRequirement[], flag: string): void {
  const requirement = requirementFor('run', flag, RUN_FLAG_SINCE[flag]);
  const gated = RUN_FLAG_SINCE[flag] !== undefined || requirement.until !== undefined;
  if (gated && !requirements.some((r) => r.flag === flag)) {
    requirements.push(requirement);
  }
}

/** Every option before the image (values never start with `-` here), checked against both tables. */
function needEveryOption(requirements: VersionRequirement[], options: readonly string[]): void {
  for (const arg of options) {
    if (/^--?[A-Za-z][\w-]*$/.test(arg)) {
      need(requirements, arg);
    }
  }
}

function bool(node: ComposeNode | undefined): boolean {
  return isTrue(node?.kind === 'scalar' ? node.value : null);
}

function list(node: ComposeNode | undefined): string[] {
  if (node === undefined) {
    return [];
  }
  const items = node.kind === 'seq' ? node.items : [node];
  return items.flatMap((item) => {
    const text = scalarText(item);
    return text === undefined ? [] : [text];
  });
}

function ulimitArgs(input: RunInput): string[] {
  const node = input.node.entries.get('ulimits');
  if (!isMap(node)) {
    return [];
  }
  const args: string[] = [];
  for (const [name, value] of node.entries) {
    if (isMap(value)) {
      const soft = scalarText(value.entries.get('soft'));
      const hard = scalarText(value.entries.get('hard'));
      if (soft === undefined || hard === undefined) {
        failAtNode(
          keyWhere(node, name),
          ['services', input.service, 'ulimits', name],
          'needs both "soft" and "hard"',
        );
      }
      args.push('--ulimit', `${name}=${soft}:${hard}`);
    } else {
      const limit = scalarText(value);
      args.push('--ulimit', `${name}=${limit}:${limit}`);
    }
  }
  return args;
}

export function runCommand(input: RunInput): RunCommand {
  const node = input.node;
  const requirements: VersionRequirement[] = [];
  const argv = ['container', 'run'];
  if (!input.foreground) {
    argv.push('-d');
  }
  argv.push('--name', input.containerName, '--platform', input.platform.platform);
  if (input.platform.rosettaFlag) {
    argv.push('--rosetta');
    need(requirements, '--rosetta');
  }
  argv.push('--cpus', String(input.cpus), '--memory', input.memory);
  const user = input.user ?? scalarText(node.entries.get('user'));
  if (user !== undefined && user !== '') {
    argv.push('-u', user);
  }
  const workdir = scalarText(node.entries.get('working_dir'));
  if (workdir !== undefined) {
    argv.push('-w', workdir);
  }
  if (input.init === true || bool(node.entries.get('init'))) {
    argv.push('--init');
    need(requirements, '--init');
  }
  if (bool(node.entries.get('read_only'))) {
    argv.push('--read-only');
    need(requirements, '--read-only');
  }
  const shm = scalarText(node.entries.get('shm_size'));
  if (shm !== undefined) {
    if (parseSize(shm) === undefined) {
      failAtNode(
        keyWhere(node, 'shm_size'),
        ['services', input.service, 'shm_size'],
        `"${shm}" is not a size (such as 64m or 1g)`,
      );
    }
    argv.push('--shm-size', shm);
    need(requirements, '--shm-size');
  }
  const ulimits = ulimitArgs(input);
  if (ulimits.length > 0) {
    argv.push(...ulimits);
    need(requirements, '--ulimit');
  }
  const capAdd = new Set(
    [...list(node.entries.get('cap_add')), ...(input.capAdd ?? [])].map((c) => c.toUpperCase()),
  );
  if (bool(node.entries.get('privileged'))) {
    capAdd.add('ALL');
  }
  for (const capability of capAdd) {
    argv.push('--cap-add', capability);
    need(requirements, '--cap-add');
  }
  for (const capability of list(node.entries.get('cap_drop'))) {
    argv.push('--cap-drop', capability.toUpperCase());
    need(requirements, '--cap-drop');
  }
  if (bool(node.entries.get('tty'))) {
    argv.push('-t');
  }
  if (bool(node.entries.get('stdin_open'))) {
    argv.push('-i');
  }
  for (const [key, flag] of [
    ['dns', '--dns'],
    ['dns_search', '--dns-search'],
    ['dns_opt', '--dns-option'],
  ] as const) {
    for (const value of list(node.entries.get(key))) {
      argv.push(flag, value);
    }
  }
  for (const domain of input.dnsSearch) {
    argv.push('--dns-search', domain);
  }
  for (const [name, value] of input.env) {
    if (!/^[^=\s]+$/.test(name)) {
      failAtNode(
        keyWhere(node, 'environment'),
        ['services', input.service, 'environment', name],
        `"${name}" is not a valid environment variable name`,
      );
    }
    argv.push('-e', `${name}=${value}`);
  }
  argv.push(...labelArgs(input.labels));
  argv.push(...input.mountArgs);
  for (const port of input.ports) {
    argv.push('-p', port);
  }
  for (const network of input.networks) {
    argv.push('--network', network);
  }
  if (input.process.entrypoint !== undefined) {
    argv.push('--entrypoint', input.process.entrypoint);
  }
  needEveryOption(requirements, argv.slice(2));
  argv.push(input.image, ...input.process.args);
  if (input.ports.length > 64) {
    input.warnings.push({
      property: formatKeyPath(['services', input.service, 'ports']),
      message: `Apple container publishes at most 64 ports per container; this service has ${input.ports.length}.`,
    });
  }
  return { argv, requirements };
}
