/**
 * The command table: every modelled command with its options, positionals and
 * cross-option checks, plus the command groups and the real commands that
 * this checker deliberately does not model.
 */

import { containerRunProblems, has, idsOrAllProblems } from './crossChecks';
import {
  BUILD_OPTIONS,
  CONTAINER_CREATE_OPTIONS,
  DNS_OPTIONS,
  FORMAT,
  IMAGE_FETCH_OPTIONS,
  processOptions,
  PROGRESS_OPTIONS,
  REGISTRY_OPTIONS,
  RESOURCE_OPTIONS,
} from './optionTables';
import { runtimeError } from './problems';
import { RESOURCE_COMMANDS } from './resourceCommands';
import { type CommandSpec, flag, option, type PositionalSpec } from './specs';
import { checkArch, checkOs, checkPlatform } from './valueChecks';

const IMAGE: PositionalSpec = { name: 'image' };
const PROCESS_ARGUMENTS: PositionalSpec = { name: 'arguments', repeating: true, optional: true };
const CONTAINER_ID: PositionalSpec = { name: 'container-id' };
const CONTAINER_IDS: PositionalSpec = { name: 'container-ids', repeating: true, optional: true };

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['run'],
    options: [...CONTAINER_CREATE_OPTIONS, ...PROGRESS_OPTIONS],
    positionals: [IMAGE, PROCESS_ARGUMENTS],
    passthrough: true,
    validate: containerRunProblems,
  },
  {
    path: ['create'],
    options: CONTAINER_CREATE_OPTIONS,
    positionals: [IMAGE, PROCESS_ARGUMENTS],
    passthrough: true,
    validate: containerRunProblems,
  },
  {
    path: ['start'],
    options: [flag('--attach', { short: 'a' }), flag('--interactive', { short: 'i' })],
    positionals: [CONTAINER_ID],
  },
  {
    path: ['stop'],
    options: [
      flag('--all', { short: 'a' }),
      option('--signal', { name: 'signal' }, { short: 's' }),
      option('--time', { name: 'time', type: 'int32' }, { short: 't' }),
    ],
    positionals: [CONTAINER_IDS],
    validate: idsOrAllProblems('container IDs', 'containers'),
  },
  {
    path: ['kill'],
    options: [
      flag('--all', { short: 'a' }),
      option('--signal', { name: 'signal' }, { short: 's' }),
    ],
    positionals: [CONTAINER_IDS],
    validate: idsOrAllProblems('container IDs', 'containers'),
  },
  {
    path: ['delete'],
    aliases: ['rm'],
    options: [flag('--all', { short: 'a' }), flag('--force', { short: 'f' })],
    positionals: [CONTAINER_IDS],
    // ContainerDelete words it differently from stop and kill.
    validate: idsOrAllProblems('container ID(s)', 'containers'),
  },
  {
    path: ['list'],
    aliases: ['ls'],
    options: [flag('--all', { short: 'a' }), flag('--quiet', { short: 'q' }), FORMAT],
    positionals: [],
  },
  {
    path: ['inspect'],
    options: [],
    positionals: [{ name: 'container-ids', repeating: true }],
  },
  {
    path: ['exec'],
    options: [...processOptions(false), flag('--detach', { short: 'd', since: '0.7.0' })],
    positionals: [CONTAINER_ID, { name: 'arguments', repeating: true }],
    passthrough: true,
  },
  {
    path: ['logs'],
    options: [
      flag('--boot'),
      flag('--follow', { short: 'f' }),
      // Declared with a short name only, so the parser calls its value "n".
      option('-n', { name: 'n', type: 'int' }, { short: 'n' }),
    ],
    positionals: [CONTAINER_ID],
  },
  {
    path: ['stats'],
    since: '0.7.0',
    options: [FORMAT, flag('--no-stream')],
    positionals: [{ name: 'containers', repeating: true, optional: true }],
  },
  {
    path: ['build'],
    options: BUILD_OPTIONS,
    positionals: [{ name: 'context-dir', optional: true }],
  },
  {
    path: ['image', 'list'],
    aliases: ['ls'],
    options: [FORMAT, flag('--quiet', { short: 'q' }), flag('--verbose', { short: 'v' })],
    positionals: [],
    validate: (parsed) =>
      has(parsed, '--quiet') && has(parsed, '--verbose')
        ? [runtimeError('cannot use flag --quiet and --verbose together')]
        : [],
  },
  {
    path: ['image', 'inspect'],
    options: [],
    positionals: [{ name: 'images', repeating: true }],
  },
  {
    path: ['image', 'pull'],
    options: [
      ...REGISTRY_OPTIONS,
      ...PROGRESS_OPTIONS,
      ...IMAGE_FETCH_OPTIONS,
      option('--arch', { name: 'arch', check: checkArch }, { short: 'a' }),
      option('--os', { name: 'os', check: checkOs }),
      option('--platform', { name: 'platform', check: checkPlatform }),
    ],
    positionals: [{ name: 'reference' }],
  },
  {
    path: ['image', 'delete'],
    aliases: ['rm'],
    options: [flag('--all', { short: 'a' }), flag('--force', { short: 'f', since: '0.9.0' })],
    positionals: [{ name: 'images', repeating: true, optional: true }],
    validate: idsOrAllProblems('images', 'images'),
  },
  {
    path: ['system', 'start'],
    options: [
      option('--app-root', { name: 'app-root' }, { short: 'a' }),
      option('--install-root', { name: 'install-root' }),
      option('--log-root', { name: 'log-root' }, { since: '0.10.0' }),
      flag('--enable-kernel-install'),
      flag('--disable-kernel-install'),
      option('--timeout', { name: 'timeout', type: 'double' }, { since: '0.10.0' }),
    ],
    positionals: [],
  },
  {
    path: ['system', 'stop'],
    options: [option('--prefix', { name: 'prefix' }, { short: 'p' })],
    positionals: [],
  },
  {
    path: ['system', 'status'],
    options: [
      option('--prefix', { name: 'prefix' }, { short: 'p' }),
      { ...FORMAT, since: '0.10.0' },
    ],
    positionals: [],
  },
  {
    path: ['system', 'version'],
    since: '0.8.0',
    options: [FORMAT],
    positionals: [],
  },
  {
    path: ['system', 'df'],
    since: '0.7.0',
    options: [FORMAT],
    positionals: [],
  },
  {
    path: ['builder', 'start'],
    options: [...RESOURCE_OPTIONS, ...DNS_OPTIONS.map((spec) => ({ ...spec, since: '0.9.0' }))],
    positionals: [],
  },
  {
    path: ['builder', 'status'],
    options: [FORMAT, flag('--quiet', { short: 'q' })],
    positionals: [],
  },
  { path: ['builder', 'stop'], options: [], positionals: [] },
  {
    path: ['builder', 'delete'],
    aliases: ['rm'],
    options: [flag('--force', { short: 'f' })],
    positionals: [],
  },
  ...RESOURCE_COMMANDS,
];

export interface GroupSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Real Apple subcommands this checker does not model. */
  readonly unmodelled: readonly string[];
}

export const GROUPS: readonly GroupSpec[] = [
  { name: 'image', aliases: ['i'], unmodelled: ['push', 'save', 'load', 'tag', 'prune'] },
  {
    name: 'system',
    aliases: ['s'],
    unmodelled: ['logs', 'dns', 'kernel', 'property'],
  },
  { name: 'builder', aliases: [], unmodelled: [] },
  { name: 'network', aliases: ['n'], unmodelled: [] },
  { name: 'volume', aliases: ['v'], unmodelled: [] },
];

/**
 * Subcommands of unmodelled commands that a release removed, keyed by path:
 * on that release and later they are refused with a note, not "not modelled".
 */
export const REMOVED_SUBCOMMANDS: Readonly<Record<string, string>> = {
  'k8s start': '1.5.0',
};

/** Real top-level commands this checker does not model: reported, never passed silently. */
export const UNMODELLED_COMMANDS: Readonly<Record<string, string>> = {
  copy: 'copy',
  cp: 'copy',
  export: 'export',
  prune: 'prune',
  registry: 'registry',
  r: 'registry',
  machine: 'machine',
  m: 'machine',
  k8s: 'k8s',
  help: 'help',
};
