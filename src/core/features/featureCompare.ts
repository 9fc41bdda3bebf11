import type { FeatureNode } from './featureGraph';
import type { FeatureValue } from './featureMetadata';
import type { FeatureRef, OciFeatureRef } from './featureRef';

/**
 * Feature identity and the round sort's comparison, as the reference CLI
 * implements the spec's "Feature Equality" and "Round Stable Sort"
 * (`equals`, `compareTo`, `optionsCompareTo`, `ociResourceCompareTo` and
 * `satisfiesSoftDependency` in containerFeaturesOrder.ts):
 *
 * - two OCI Features are equal when their manifest digests and their
 *   options (as written) are equal; a renamed Feature's old and new ids
 *   (`legacyIds`) are the same resource;
 * - tarballs compare by URL, local Features by folder, then options (so a
 *   local Feature with the same options twice is one Feature, as in the
 *   reference, though the spec calls every local Feature distinct);
 * - a soft dependency (`installsAfter`, `overrideFeatureInstallOrder`)
 *   names a Feature without version or options, so it matches by resource,
 *   URL or folder alone.
 */

/** Node's `localeCompare` under a fixed locale, so the order does not depend on the machine's. */
export const compareText: (a: string, b: string) => number = new Intl.Collator('en').compare;

export function sameFeature(a: FeatureNode, b: FeatureNode): boolean {
  return a.ref.kind === b.ref.kind && compareFeatures(a, b) === 0;
}

/** Negative when `a` installs first within a round. */
export function compareFeatures(a: FeatureNode, b: FeatureNode): number {
  if (a.ref.kind !== b.ref.kind) {
    return compareText(a.userId, b.userId);
  }
  if (a.ref.kind === 'oci' && b.ref.kind === 'oci') {
    return compareOci(a, a.ref, b, b.ref);
  }
  const where =
    a.ref.kind === 'local' && b.ref.kind === 'local'
      ? compareText(a.ref.path, b.ref.path)
      : a.ref.kind === 'tarball' && b.ref.kind === 'tarball'
        ? compareText(a.ref.url, b.ref.url)
        : 0;
  return where !== 0 ? where : compareOptionValues(a.value, b.value);
}

function compareOci(
  a: FeatureNode,
  aRef: OciFeatureRef,
  b: FeatureNode,
  bRef: OciFeatureRef,
): number {
  const aDigest = a.fetched.digest ?? '';
  const bDigest = b.fetched.digest ?? '';
  if (aDigest === bDigest && compareOptionValues(a.value, b.value) === 0) {
    return 0;
  }
  const resource = compareResources(aRef, a.aliases, bRef, b.aliases);
  if (resource !== 0) {
    return resource;
  }
  // Oldest to newest tag, compared as text, as the reference does: "1.9.9" < "2" < "latest".
  if (aRef.tag !== undefined && bRef.tag !== undefined && aRef.tag !== bRef.tag) {
    return compareText(aRef.tag, bRef.tag);
  }
  const options = compareOptionValues(a.value, b.value);
  if (options !== 0) {
    return options;
  }
  return aDigest === bDigest ? 0 : compareText(aDigest, bDigest);
}

/** Registry and namespace first; then equal when any of the two Features' ids agree. */
function compareResources(
  a: OciFeatureRef,
  aAliases: readonly string[],
  b: OciFeatureRef,
  bAliases: readonly string[],
): number {
  const aPrefix = `${a.registry}/${a.namespace}`;
  const bPrefix = `${b.registry}/${b.namespace}`;
  if (aPrefix !== bPrefix) {
    return compareText(aPrefix, bPrefix);
  }
  const aIds = aAliases.length > 0 ? aAliases : [a.id];
  const bIds = bAliases.length > 0 ? bAliases : [b.id];
  if (aIds.some((id) => bIds.includes(id))) {
    return 0;
  }
  return compareText(a.id, b.id);
}

/**
 * The reference's `optionsCompareTo`: strings as text, false before true,
 * objects by number of keys, then sorted keys, then their values. Values of
 * different types inside objects do not decide, as in the reference (and
 * `"true"` and `true` give the same variable anyway).
 */
export function compareOptionValues(a: FeatureValue, b: FeatureValue): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return compareText(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return a === b ? 0 : a ? 1 : -1;
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const aKeys = Object.keys(a).sort();
    const bKeys = Object.keys(b).sort();
    if (aKeys.length !== bKeys.length) {
      return aKeys.length - bKeys.length;
    }
    for (let index = 0; index < aKeys.length; index++) {
      const aKey = aKeys[index] ?? '';
      const bKey = bKeys[index] ?? '';
      if (aKey !== bKey) {
        return compareText(aKey, bKey);
      }
      const values = compareOptionValue(a[aKey], b[bKey]);
      if (values !== 0) {
        return values;
      }
    }
    return 0;
  }
  return compareText(typeof a, typeof b);
}

function compareOptionValue(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return compareText(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return a === b ? 0 : a ? 1 : -1;
  }
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? 1 : -1;
  }
  return 0;
}

/**
 * Whether an installed (or queued) Feature is the one a soft dependency
 * names. Unlike the reference, which fetches the named Feature to learn its
 * `legacyIds`, the aliases come from the candidate's own metadata: a renamed
 * Feature lists its old ids, so a dependency on an old id still matches it,
 * and nothing has to be fetched for a Feature that is not installed.
 * `dependencyAliases` adds the named Feature's own ids when they are known.
 */
export function satisfiesSoftDependency(
  node: FeatureNode,
  dependency: FeatureRef,
  dependencyAliases: readonly string[] = [],
): boolean {
  const ref = node.ref;
  if (ref.kind === 'oci' && dependency.kind === 'oci') {
    if (ref.resource === dependency.resource) {
      return true;
    }
    if (`${ref.registry}/${ref.namespace}` !== `${dependency.registry}/${dependency.namespace}`) {
      return false;
    }
    return node.aliases.includes(dependency.id) || dependencyAliases.includes(ref.id);
  }
  if (ref.kind === 'local' && dependency.kind === 'local') {
    return ref.path === dependency.path;
  }
  if (ref.kind === 'tarball' && dependency.kind === 'tarball') {
    return ref.url === dependency.url;
  }
  return false;
}

/** How to name a node in messages: its id, and its options when it has some. */
export function describeNode(node: FeatureNode): string {
  const options =
    typeof node.value === 'object' && Object.keys(node.value).length > 0
      ? ` ${JSON.stringify(node.value)}`
      : typeof node.value === 'string'
        ? ` ${JSON.stringify(node.value)}`
        : '';
  return `${node.userId}${options}`;
}
