/**
 * `container network …` and `container volume …` (reference §2: network
 * create/delete/list/inspect, macOS 26 only at run time; volume
 * create/delete/list/inspect): names and labels as Apple checks them.
 */

import { runtimeError, type GrammarProblem } from './problems';
import { checkLabel } from './valueChecks';

const NETWORK_NAME = /^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$/;
const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Network and volume label keys (ResourceLabels): lower-case, no "_", at most 128 characters. */
const RESOURCE_LABEL_KEY = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

export function checkNetworkName(value: string): GrammarProblem[] {
  return NETWORK_NAME.test(value) ? [] : [runtimeError(`invalid network name ${value}`)];
}

export function checkVolumeName(value: string): GrammarProblem[] {
  return VOLUME_NAME.test(value) && value.length <= 255
    ? []
    : [runtimeError(`invalid volume name ${value}`)];
}

export function checkResourceLabel(value: string): GrammarProblem[] {
  const problems = checkLabel(value);
  if (problems.length > 0) {
    return problems;
  }
  const key = value.split('=')[0] ?? '';
  // Apple keeps the resource but drops a label whose key breaks the rule: a silent loss.
  return key.length <= 128 && RESOURCE_LABEL_KEY.test(key)
    ? []
    : [
        runtimeError(
          `label key ${key} is not valid for a network or volume (lower-case letters, digits, "." and "-"); Apple would drop it`,
        ),
      ];
}
