/**
 * The `network` and `volume` groups (reference §2; Apple's NetworkCreate,
 * VolumeCreate, ... at 1.2.2, with the release that added each flag read from
 * the tags). `network` is hidden before macOS 26, which the grammar cannot see:
 * the stand-in refuses it itself when it plays an older macOS.
 */

import { has } from './crossChecks';
import { FORMAT } from './optionTables';
import { type GrammarProblem, runtimeError, usageError } from './problems';
import { checkNetworkName, checkResourceLabel, checkVolumeName } from './resources';
import { sizeProblems } from './sizes';
import { type CommandSpec, flag, option, type ParsedCommand } from './specs';

const CIDR_V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** CIDRv4's parse, a transform in Apple's option: a failure is a parse error (exit 64). */
function checkSubnet(value: string): GrammarProblem[] {
  const match = CIDR_V4.exec(value);
  const valid =
    match !== null &&
    match.slice(1, 5).every((octet) => Number(octet) <= 255) &&
    Number(match[5]) <= 32;
  return valid ? [] : [usageError(`The value '${value}' is invalid for '--subnet <subnet>'`)];
}

function checkSubnetV6(value: string): GrammarProblem[] {
  const match = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(value);
  return match?.[1]?.includes(':') === true && Number(match[2]) <= 128
    ? []
    : [usageError(`The value '${value}' is invalid for '--subnet-v6 <subnet-v6>'`)];
}

/** NetworkDelete and VolumeDelete throw these from validate() as plain errors: exit 1. */
function namesOrAll(noun: 'network' | 'volume') {
  return (parsed: ParsedCommand): GrammarProblem[] => {
    const all = has(parsed, '--all');
    if (parsed.positionals.length === 0 && !all) {
      return [runtimeError(`no ${noun}s specified and --all not supplied`)];
    }
    if (parsed.positionals.length > 0 && all) {
      return [runtimeError(`explicitly supplied ${noun} name(s) conflict with the --all flag`)];
    }
    return [];
  };
}

const QUIET = flag('--quiet', { short: 'q' });

export const RESOURCE_COMMANDS: readonly CommandSpec[] = [
  {
    path: ['network', 'create'],
    options: [
      flag('--internal', { since: '0.9.0' }),
      option('--label', { name: 'label', check: checkResourceLabel }),
      option('--option', { name: 'option' }, { since: '1.0.0' }),
      option('--plugin', { name: 'plugin' }, { since: '0.10.0' }),
      option('--plugin-variant', { name: 'plugin-variant' }, { since: '0.10.0', until: '1.0.0' }),
      option('--subnet', { name: 'subnet', check: checkSubnet }, { since: '0.6.0' }),
      option('--subnet-v6', { name: 'subnet-v6', check: checkSubnetV6 }, { since: '0.8.0' }),
    ],
    positionals: [{ name: 'name' }],
    validate: (parsed) =>
      parsed.positionals[0] === undefined ? [] : checkNetworkName(parsed.positionals[0]),
  },
  {
    path: ['network', 'delete'],
    aliases: ['rm'],
    options: [flag('--all', { short: 'a' })],
    positionals: [{ name: 'network-names', repeating: true, optional: true }],
    validate: namesOrAll('network'),
  },
  { path: ['network', 'list'], aliases: ['ls'], options: [FORMAT, QUIET], positionals: [] },
  {
    path: ['network', 'inspect'],
    options: [],
    positionals: [{ name: 'networks', repeating: true }],
  },
  { path: ['network', 'prune'], since: '0.8.0', options: [], positionals: [] },
  {
    path: ['volume', 'create'],
    options: [
      option('--label', { name: 'label', check: checkResourceLabel }),
      option('--opt', { name: 'opt' }),
      option('-s', { name: 'size', check: sizeProblems }, { short: 's' }),
    ],
    positionals: [{ name: 'name' }],
    validate: (parsed) =>
      parsed.positionals[0] === undefined ? [] : checkVolumeName(parsed.positionals[0]),
  },
  {
    path: ['volume', 'delete'],
    aliases: ['rm'],
    options: [flag('--all', { short: 'a' })],
    positionals: [{ name: 'names', repeating: true, optional: true }],
    validate: namesOrAll('volume'),
  },
  { path: ['volume', 'list'], aliases: ['ls'], options: [FORMAT, QUIET], positionals: [] },
  {
    path: ['volume', 'inspect'],
    options: [],
    positionals: [{ name: 'names', repeating: true }],
  },
  { path: ['volume', 'prune'], since: '0.6.0', options: [], positionals: [] },
];
