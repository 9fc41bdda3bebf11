/**
 * Value checks specific to `container build`: comma lists, `--build-arg`,
 * `--output`, `--secret` and `--ssh`.
 */

import { type GrammarProblem, runtimeError, usageError } from './problems';
import { swiftSplit } from './textParsers';

export function commaList(check: (value: string) => GrammarProblem[]) {
  return (value: string): GrammarProblem[] => swiftSplit(value, ',').flatMap(check);
}

export function checkBuildArg(value: string): GrammarProblem[] {
  const equals = value.indexOf('=');
  return equals > 0
    ? []
    : [runtimeError(`--build-arg must be key=value, got '${value}' (checker's rule)`)];
}

export function checkBuildOutput(value: string): GrammarProblem[] {
  const fields = new Map<string, string>();
  for (const pair of value.split(',')) {
    const parts = pair.split('=');
    if (parts.length === 2) {
      fields.set((parts[0] ?? '').trim(), (parts[1] ?? '').trim());
    }
  }
  const type = fields.get('type');
  const invalid = (reason: string) => [runtimeError(`export entry ${value} is invalid: ${reason}`)];
  if (type === undefined) {
    return invalid('type field is required');
  }
  if (type === 'tar' || type === 'local') {
    return fields.has('dest') ? [] : invalid('dest field is required');
  }
  return type === 'oci' ? [] : invalid('unsupported output type');
}

/** `--secret id=<key>[,env=<VAR>|,src=<path>]`; BuildCommand.validate() throws ValidationError. */
export function checkSecret(value: string): GrammarProblem[] {
  const comma = value.indexOf(',');
  const first = comma < 0 ? value : value.slice(0, comma);
  if (!first.startsWith('id=')) {
    return [usageError(`secret must start with id=<key> ${value}`)];
  }
  const key = first.slice(3);
  if (key.includes('=')) {
    return [usageError(`secret id cannot contain '=' ${key}`)];
  }
  const second = comma < 0 ? undefined : value.slice(comma + 1);
  if (second === undefined || second.startsWith('env=') || second.startsWith('src=')) {
    return [];
  }
  return [usageError(`secret bad value ${second}`)];
}

export function checkBuildSsh(value: string): GrammarProblem[] {
  return value === '' || value === 'default'
    ? []
    : [usageError('only --ssh default is currently supported')];
}
