/**
 * `--ulimit <type>=<soft>[:<hard>]`: the limit types Apple knows and its checks
 * of one ulimit value.
 */

import { type GrammarProblem, runtimeError } from './problems';
import { swiftSplit } from './textParsers';

const ULIMIT_TYPES = (
  'core cpu data fsize locks memlock msgqueue nice ' +
  'nofile nproc rss rtprio rttime sigpending stack'
).split(' ');

function ulimitValue(text: string): bigint | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'unlimited' || trimmed === '-1') {
    return 2n ** 64n - 1n;
  }
  return /^\+?\d+$/.test(trimmed) && BigInt(trimmed) < 2n ** 64n ? BigInt(trimmed) : undefined;
}

export function checkUlimit(value: string): GrammarProblem[] {
  const badFormat = runtimeError(
    `invalid ulimit format '${value}': expected <type>=<soft>[:<hard>]`,
  );
  const [rawType, limits] = swiftSplit(value, '=', 1);
  if (rawType === undefined || limits === undefined) {
    return [badFormat];
  }
  const type = rawType.toLowerCase();
  if (!ULIMIT_TYPES.includes(type)) {
    return [
      runtimeError(`unsupported ulimit type '${type}': valid types are ${ULIMIT_TYPES.join(', ')}`),
    ];
  }
  const [softText = '', hardText = softText] = swiftSplit(limits, ':', 1);
  const soft = ulimitValue(softText);
  const hard = ulimitValue(hardText);
  const badText = soft === undefined ? softText : hard === undefined ? hardText : undefined;
  if (badText !== undefined) {
    return [
      runtimeError(
        `invalid ulimit value '${badText}' for '${type}': must be a non-negative integer or 'unlimited'`,
      ),
    ];
  }
  if (soft !== undefined && hard !== undefined && soft > hard) {
    return [
      runtimeError(`ulimit '${type}' soft limit (${soft}) cannot exceed hard limit (${hard})`),
    ];
  }
  return [];
}
