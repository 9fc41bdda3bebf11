import type { MountSpec } from '../config/types';
import { keepAliveArgs } from './keepAlive';
import { atProperty, failAt } from './locate';
import { parseMountObject, parseMountString, toAppleMount, type Mount } from './mounts';
import { translateAppPort } from './ports';
import { PRIVILEGED_WARNING, type PlanWarning } from './problems';
import type { PlatformChoice } from './platform';
import type { Resources } from './resources';
import type { RunArgsTranslation } from './runArgs';
import { labelArgs } from './labels';
import type { PlanInput } from './types';
import { RUN_FLAG_SINCE, type VersionRequirement } from './versions';

/**
 * Assembles `container run -d ...` for the dev container: every option before
 * the image (Apple passes everything after it to the process), each one known
 * to Apple's grammar, with the release that introduced it recorded.
 */

export interface RunCommandParts {
  name: string;
  image: string;
  labels: Record<string, string>;
  platform: PlatformChoice;
  resources: Resources;
  runArgs: RunArgsTranslation;
}

export interface RunCommandResult {
  argv: string[];
  requirements: VersionRequirement[];
  warnings: PlanWarning[];
}

const ENV_NAME = /^[^=\s]+$/;

function require(requirements: VersionRequirement[], flag: string): void {
  const since = RUN_FLAG_SINCE[flag];
  if (since !== undefined && !requirements.some((r) => r.flag === flag)) {
    requirements.push({ flag, since });
  }
}

function mountArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const args: string[] = [];
  const add = (mount: Mount, property: string, jsonPath: ReadonlyArray<string | number>) => {
    const apple = atProperty(input, jsonPath, () => toAppleMount(mount, input.facts.pathKind));
    args.push(...apple.args);
    out.requirements.push(...apple.requirements);
    out.warnings.push(...apple.notes.map((message) => ({ property, message })));
  };
  const workspace = input.workspaceMount;
  if (workspace.kind === 'default') {
    add(
      {
        type: 'bind',
        source: workspace.source,
        target: workspace.target,
        readonly: false,
        dropped: [],
      },
      'workspaceMount',
      [],
    );
  } else if (workspace.kind === 'custom') {
    const mount = atProperty(input, ['workspaceMount'], () => parseMountString(workspace.spec));
    add(mount, 'workspaceMount', ['workspaceMount']);
  }
  const configMounts = input.config.mounts ?? [];
  input.merged.mounts.forEach((spec: MountSpec) => {
    // Point errors at the config's own entry when the mount came from it.
    const index = configMounts.indexOf(spec);
    const jsonPath = index >= 0 ? ['mounts', index] : ['mounts'];
    const mount = atProperty(input, jsonPath, () =>
      typeof spec === 'string' ? parseMountString(spec) : parseMountObject(spec),
    );
    add(mount, index >= 0 ? `mounts[${index}]` : 'mounts (image metadata)', jsonPath);
  });
  for (const { mount, index } of parts.runArgs.mounts) {
    add(mount, 'runArgs', ['runArgs', index]);
  }
  return args;
}

function envArgs(input: PlanInput, parts: RunCommandParts): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(input.merged.containerEnv)) {
    if (!ENV_NAME.test(name)) {
      failAt(input, ['containerEnv', name], `"${name}" is not a valid environment variable name`);
    }
    args.push('-e', `${name}=${value}`);
  }
  for (const value of parts.runArgs.env) {
    args.push('-e', value);
  }
  for (const file of parts.runArgs.envFiles) {
    args.push('--env-file', file);
  }
  return args;
}

function capabilityArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const add = new Set(
    [...input.merged.capAdd, ...parts.runArgs.capAdd].map((c) => c.toUpperCase()),
  );
  if (input.merged.privileged || parts.runArgs.privileged) {
    add.add('ALL');
    out.warnings.push({
      property: input.merged.privileged ? 'privileged' : 'runArgs',
      message: PRIVILEGED_WARNING,
    });
  }
  const args: string[] = [];
  for (const capability of add) {
    args.push('--cap-add', capability);
  }
  for (const capability of parts.runArgs.capDrop) {
    args.push('--cap-drop', capability);
  }
  if (add.size > 0) {
    require(out.requirements, '--cap-add');
  }
  if (parts.runArgs.capDrop.length > 0) {
    require(out.requirements, '--cap-drop');
  }
  return args;
}

function portArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const args: string[] = [];
  const appPort = input.config.appPort;
  const appPorts = appPort === undefined ? [] : Array.isArray(appPort) ? appPort : [appPort];
  appPorts.forEach((port, index) => {
    const jsonPath = Array.isArray(appPort) ? ['appPort', index] : ['appPort'];
    const published = atProperty(input, jsonPath, () => translateAppPort(port));
    args.push('-p', published.spec);
    if (published.note !== undefined) {
      out.warnings.push({ property: 'appPort', message: published.note });
    }
  });
  for (const port of parts.runArgs.ports) {
    args.push('-p', port.spec);
    if (port.note !== undefined) {
      out.warnings.push({ property: 'runArgs', message: port.note });
    }
  }
  return args;
}

function commandArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const overrideCommand = input.merged.overrideCommand ?? true;
  if (overrideCommand) {
    if (parts.runArgs.entrypoint !== undefined) {
      out.warnings.push({
        property: 'runArgs',
        message: `Left out "--entrypoint ${parts.runArgs.entrypoint}": while overrideCommand is true, the dev container's own keep-alive is the entrypoint (as in Dev Containers).`,
      });
    }
    return keepAliveArgs(parts.image, input.merged.entrypoints);
  }
  if (input.merged.entrypoints.length > 0) {
    out.warnings.push({
      property: 'overrideCommand',
      message: `With overrideCommand false the image's own command runs; the entrypoints from image metadata (${input.merged.entrypoints.join(', ')}) do not.`,
    });
  }
  const entrypoint =
    parts.runArgs.entrypoint === undefined ? [] : ['--entrypoint', parts.runArgs.entrypoint];
  return [...entrypoint, parts.image];
}

export function runCommand(input: PlanInput, parts: RunCommandParts): RunCommandResult {
  const out: RunCommandResult = { argv: [], requirements: [], warnings: [] };
  const argv = [
    'container',
    'run',
    '-d',
    '--name',
    parts.name,
    '--platform',
    parts.platform.platform,
  ];
  if (parts.platform.rosettaFlag) {
    argv.push('--rosetta');
    require(out.requirements, '--rosetta');
  }
  argv.push('--cpus', String(parts.resources.cpus), '--memory', parts.resources.memory);
  const user = parts.runArgs.user ?? input.merged.containerUser;
  if (user !== undefined && user !== '') {
    argv.push('-u', user);
  }
  if (parts.runArgs.workdir !== undefined) {
    argv.push('-w', parts.runArgs.workdir);
  }
  if (input.merged.init || parts.runArgs.init) {
    argv.push('--init');
    require(out.requirements, '--init');
  }
  argv.push(...capabilityArgs(input, parts, out));
  argv.push(...envArgs(input, parts));
  argv.push(...labelArgs(parts.labels));
  argv.push(...mountArgs(input, parts, out));
  argv.push(...portArgs(input, parts, out));
  for (const flag of parts.runArgs.passThrough) {
    if (flag.startsWith('--')) {
      require(out.requirements, flag);
    }
  }
  argv.push(...parts.runArgs.passThrough);
  argv.push(...commandArgs(input, parts, out));
  out.argv = argv;
  return out;
}
