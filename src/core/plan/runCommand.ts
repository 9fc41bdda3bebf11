import type { MountSpec } from '../config/types';
import { keepAliveArgs } from './keepAlive';
import { atProperty, failAt } from './locate';
import { parseMountObject, parseMountString, toAppleMount, type Mount } from './mounts';
import { translateAppPort } from './ports';
import { PRIVILEGED_WARNING, type PlanWarning } from './problems';
import { argumentValueProblem, capabilityProblem } from './argValues';
import type { PlatformChoice } from './platform';
import type { Resources } from './resources';
import type { RunArgsTranslation } from './runArgs';
import { labelArgs } from './labels';
import type { PlanInput } from './types';
import { volumeMountArgs, type VolumeFolder } from './volumeFolders';
import { RUN_FLAG_SINCE, requirementFor, type VersionRequirement } from './versions';

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
  /** Mounted last: over the workspace's bind mount, which must come first. */
  volumeFolders?: readonly VolumeFolder[];
}

export interface RunCommandResult {
  argv: string[];
  /** The volume folders mounted (one the config mounts itself is left out). */
  volumeFolders: VolumeFolder[];
  requirements: VersionRequirement[];
  warnings: PlanWarning[];
}

/** No "=" or blank, and no leading "-", which would make `-e` read an option. */
const ENV_NAME = /^[^=\s-][^=\s]*$/;

function require(requirements: VersionRequirement[], flag: string): void {
  const requirement = requirementFor('run', flag, RUN_FLAG_SINCE[flag]);
  const gated = RUN_FLAG_SINCE[flag] !== undefined || requirement.until !== undefined;
  if (gated && !requirements.some((r) => r.flag === flag)) {
    requirements.push(requirement);
  }
}

function mountArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const args: string[] = [];
  const targets = new Set<string>();
  const add = (mount: Mount, property: string, jsonPath: ReadonlyArray<string | number>) => {
    targets.add(mount.target.replace(/\/+$/, ''));
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
  for (const volume of parts.volumeFolders ?? []) {
    if (targets.has(volume.target)) {
      // The config's own mount there is what the user meant for that folder.
      out.warnings.push({
        property: 'slipway.volumeFolders',
        message: `${volume.folder} is mounted by the config already (at ${volume.target}); it is not put on the volume ${volume.volume}.`,
      });
      continue;
    }
    args.push(...volumeMountArgs(volume));
    out.volumeFolders.push(volume);
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

/** The config's and the image's capAdd, each a Linux capability. */
function metadataCapabilities(input: PlanInput, out: RunCommandResult): string[] {
  const own = input.config.capAdd ?? [];
  return input.merged.capAdd.filter((capability) => {
    const problem = capabilityProblem(capability, 'capAdd');
    if (problem === undefined) {
      return true;
    }
    const index = own.indexOf(capability);
    if (index >= 0) {
      failAt(input, ['capAdd', index], `${problem}.`);
    }
    // From the image or a Feature: not the user's to fix here, so left out.
    out.warnings.push({ property: 'capAdd (image metadata)', message: `Left out ${problem}.` });
    return false;
  });
}

function capabilityArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const add = new Set(
    [...metadataCapabilities(input, out), ...parts.runArgs.capAdd].map((c) => c.toUpperCase()),
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

/** Apple refuses more `-p` than this in one command. */
const APPLE_MAX_PUBLISHED = 64;

/** `tcp:8080` for each host port of an Apple spec `[ip:]host:container[/proto]`. */
function hostPortKeys(spec: string): string[] {
  const slash = spec.lastIndexOf('/');
  const protocol = slash < 0 ? 'tcp' : spec.slice(slash + 1);
  const body = slash < 0 ? spec : spec.slice(0, slash);
  const withoutContainer = body.slice(0, body.lastIndexOf(':'));
  const [first = 0, last = first] = withoutContainer
    .slice(withoutContainer.lastIndexOf(':') + 1)
    .split('-')
    .map(Number);
  return Array.from({ length: last - first + 1 }, (_, i) => `${protocol}:${first + i}`);
}

function portArgs(input: PlanInput, parts: RunCommandParts, out: RunCommandResult): string[] {
  const args: string[] = [];
  const specs = new Set<string>();
  const hostPorts = new Set<string>();
  // Apple refuses two -p on one host port (whatever the address): the same
  // spec twice is said once, and a clash is the config's to resolve.
  const publish = (spec: string, jsonPath: ReadonlyArray<string | number>): void => {
    if (specs.has(spec)) {
      return;
    }
    const keys = hostPortKeys(spec);
    const taken = keys.find((key) => hostPorts.has(key));
    if (taken !== undefined) {
      failAt(
        input,
        jsonPath,
        `"${spec}" publishes host port ${taken.replace(/^(\w+):(\d+)$/, '$2/$1')}, which another appPort or -p already uses; Apple container publishes a host port once.`,
      );
    }
    if (specs.size >= APPLE_MAX_PUBLISHED) {
      failAt(input, jsonPath, `Apple container publishes at most ${APPLE_MAX_PUBLISHED} ports.`);
    }
    specs.add(spec);
    keys.forEach((key) => hostPorts.add(key));
    args.push('-p', spec);
  };
  const appPort = input.config.appPort;
  const appPorts = appPort === undefined ? [] : Array.isArray(appPort) ? appPort : [appPort];
  appPorts.forEach((port, index) => {
    const jsonPath = Array.isArray(appPort) ? ['appPort', index] : ['appPort'];
    const published = atProperty(input, jsonPath, () => translateAppPort(port));
    publish(published.spec, jsonPath);
    if (published.note !== undefined) {
      out.warnings.push({ property: 'appPort', message: published.note });
    }
  });
  for (const port of parts.runArgs.ports) {
    publish(port.spec, ['runArgs', port.index]);
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
  const out: RunCommandResult = { argv: [], volumeFolders: [], requirements: [], warnings: [] };
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
  const userProblem =
    user === undefined ? undefined : argumentValueProblem(user, 'The containerUser');
  if (userProblem !== undefined) {
    failAt(input, ['containerUser'], `${userProblem}.`);
  }
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
