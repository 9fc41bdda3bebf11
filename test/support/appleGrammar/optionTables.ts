/**
 * Option tables: the options each group of commands accepts, with their value
 * checks and the release that introduced (or dropped) each one.
 */

import {
  checkBuildArg,
  checkBuildOutput,
  checkBuildSsh,
  checkSecret,
  commaList,
} from './buildChecks';
import { checkMount, checkTmpfs, checkVolume } from './mounts';
import { checkNetwork } from './network';
import { checkPublish, checkPublishSocket } from './publish';
import { sizeProblems } from './sizes';
import { flag, option, type OptionSpec } from './specs';
import { checkUlimit } from './ulimits';
import {
  checkArch,
  checkCapability,
  checkCpus,
  checkEnv,
  checkLabel,
  checkName,
  checkOs,
  checkPathOverride,
  checkPlatform,
  checkScheme,
} from './valueChecks';

export const FORMAT = option('--format', {
  name: 'format',
  choices: [
    { value: 'json' },
    { value: 'table' },
    { value: 'yaml', since: '0.12.0' },
    { value: 'toml', since: '1.0.0' },
  ],
  listChoices: true,
});

export const DNS_OPTIONS: readonly OptionSpec[] = [
  option('--dns', { name: 'ip' }),
  option('--dns-domain', { name: 'domain' }),
  option('--dns-option', { name: 'option' }),
  option('--dns-search', { name: 'domain' }),
];

export function processOptions(checkUlimits: boolean): OptionSpec[] {
  return [
    option('--env', { name: 'env', check: checkEnv }, { short: 'e' }),
    option('--env-file', { name: 'env-file' }),
    option('--gid', { name: 'gid', type: 'uint32' }),
    flag('--interactive', { short: 'i' }),
    flag('--tty', { short: 't' }),
    option('--user', { name: 'user' }, { short: 'u' }),
    option('--uid', { name: 'uid', type: 'uint32' }),
    option('--workdir', { name: 'dir' }, { short: 'w', otherLongs: ['--cwd'] }),
    // exec parses --ulimit too (same option group) but never applies it.
    option(
      '--ulimit',
      { name: 'limit', ...(checkUlimits ? { check: checkUlimit } : {}) },
      { since: '0.9.0' },
    ),
  ];
}

export const RESOURCE_OPTIONS: readonly OptionSpec[] = [
  option('--cpus', { name: 'cpus', type: 'int', check: checkCpus }, { short: 'c' }),
  option('--memory', { name: 'memory', check: sizeProblems }, { short: 'm' }),
];

const MANAGEMENT_OPTIONS: readonly OptionSpec[] = [
  option('--arch', { name: 'arch', check: checkArch }, { short: 'a' }),
  option('--cap-add', { name: 'cap', check: checkCapability }, { since: '0.12.0' }),
  option('--cap-drop', { name: 'cap', check: checkCapability }, { since: '0.12.0' }),
  option('--cidfile', { name: 'cidfile' }),
  flag('--detach', { short: 'd' }),
  ...DNS_OPTIONS,
  option('--entrypoint', { name: 'cmd' }),
  flag('--init', { since: '0.10.0' }),
  option('--init-image', { name: 'image' }, { since: '0.10.0' }),
  option('--kernel', { name: 'path' }, { short: 'k' }),
  option('--kernel-arg', { name: 'arg' }, { since: '1.2.0' }),
  option('--label', { name: 'label', check: checkLabel }, { short: 'l' }),
  option(
    '--masked-path',
    { name: 'path', check: checkPathOverride('masked-path') },
    { since: '1.2.1' },
  ),
  option('--mount', { name: 'mount', check: checkMount }),
  option('--name', { name: 'name', check: checkName }),
  option('--network', { name: 'network', check: checkNetwork }),
  flag('--no-dns'),
  option('--os', { name: 'os', check: checkOs }),
  option('--publish', { name: 'spec', check: checkPublish }, { short: 'p' }),
  option('--platform', { name: 'platform', check: checkPlatform }),
  option('--publish-socket', { name: 'spec', check: checkPublishSocket }),
  flag('--read-only', { since: '0.8.0' }),
  option(
    '--read-only-path',
    { name: 'path', check: checkPathOverride('read-only-path') },
    { since: '1.2.1' },
  ),
  flag('--rm', { otherLongs: ['--remove'] }),
  flag('--rosetta', { since: '0.7.0' }),
  option('--runtime', { name: 'runtime' }, { since: '0.10.0' }),
  flag('--ssh'),
  option('--shm-size', { name: 'shm-size', check: sizeProblems }, { since: '1.0.0' }),
  option('--tmpfs', { name: 'tmpfs', check: checkTmpfs }),
  flag('--virtualization'),
  option('--volume', { name: 'volume', check: checkVolume }, { short: 'v' }),
];

export const REGISTRY_OPTIONS: readonly OptionSpec[] = [
  option('--scheme', { name: 'scheme', check: checkScheme }),
];

/** 0.7–0.11 knew only none/ansi; the enum isn't CaseIterable, so errors list nothing. */
export const PROGRESS_OPTIONS: readonly OptionSpec[] = [
  option(
    '--progress',
    {
      name: 'type',
      choices: [
        { value: 'auto', since: '0.12.0' },
        { value: 'none' },
        { value: 'ansi' },
        { value: 'plain', since: '0.12.0' },
        { value: 'color', since: '0.12.0' },
      ],
    },
    { since: '0.7.0' },
  ),
  flag('--disable-progress-updates', { until: '0.7.0' }),
];

export const IMAGE_FETCH_OPTIONS: readonly OptionSpec[] = [
  option(
    '--max-concurrent-downloads',
    { name: 'max-concurrent-downloads', type: 'int' },
    { since: '0.8.0' },
  ),
];

export const CONTAINER_CREATE_OPTIONS: readonly OptionSpec[] = [
  ...processOptions(true),
  ...RESOURCE_OPTIONS,
  ...MANAGEMENT_OPTIONS,
  ...REGISTRY_OPTIONS,
  ...IMAGE_FETCH_OPTIONS,
];

export const BUILD_OPTIONS: readonly OptionSpec[] = [
  option('--arch', { name: 'value', check: commaList(checkArch) }, { short: 'a' }),
  option('--build-arg', { name: 'key=val', check: checkBuildArg }),
  option('--cache-in', { name: 'value' }),
  option('--cache-out', { name: 'value' }),
  option('--cpus', { name: 'cpus', type: 'int', check: checkCpus }, { short: 'c' }),
  option('--file', { name: 'path' }, { short: 'f' }),
  option('--label', { name: 'key=val' }, { short: 'l' }),
  option('--memory', { name: 'memory', check: sizeProblems }, { short: 'm' }),
  flag('--no-cache'),
  option('--output', { name: 'value', check: checkBuildOutput }, { short: 'o' }),
  option('--os', { name: 'value', check: commaList(checkOs) }),
  option('--platform', { name: 'platform', check: commaList(checkPlatform) }),
  option('--progress', {
    name: 'type',
    choices: [{ value: 'auto' }, { value: 'plain' }, { value: 'tty' }],
  }),
  flag('--quiet', { short: 'q' }),
  option('--secret', { name: 'id=key,...', check: checkSecret }, { since: '0.11.0' }),
  // The reference says 1.2.2; the 1.2.1 tag already has it (PR #1508).
  option('--ssh', { name: 'default', check: checkBuildSsh }, { since: '1.2.1' }),
  option('--tag', { name: 'name' }, { short: 't' }),
  option('--target', { name: 'stage' }),
  option('--vsock-port', { name: 'port', type: 'uint32' }),
  ...DNS_OPTIONS.map((spec) => ({ ...spec, since: '0.9.0' })),
  flag('--pull', { since: '0.10.0' }),
];
