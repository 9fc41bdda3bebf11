import type { FeaturesBuild } from './buildContext';
import type { FeatureNode } from './featureGraph';
import type { ResolvedFeatureOptions } from './featureOptions';

/**
 * The resolved Features as lines of `slipway plan` text: the install order,
 * what each Feature resolved to (version and digest, so that a plan shows
 * what the lockfile pins), its options (those the config sets apart from the
 * Feature's defaults) and, when it is known, the image the build makes.
 */

export interface FeaturePlanItem {
  node: FeatureNode;
  options: ResolvedFeatureOptions;
}

export interface FeaturesPlanBuild extends Pick<FeaturesBuild, 'tag' | 'layout'> {
  baseImage: string;
}

export function featuresPlanLines(
  items: readonly FeaturePlanItem[],
  build?: FeaturesPlanBuild,
): string[] {
  if (items.length === 0) {
    return [];
  }
  const lines = ['Features (installed in this order):'];
  items.forEach((item, index) => {
    const { node } = item;
    lines.push(`  ${index + 1}. ${node.userId}  (${resolvedAs(node)})`);
    const set = setByConfig(node);
    const values = Object.entries(item.options.values);
    const given = values.filter(([name]) => set.has(name));
    const defaults = values.filter(([name]) => !set.has(name));
    if (given.length > 0) {
      lines.push(`     options   ${given.map(showOption).join(', ')}`);
    }
    if (defaults.length > 0) {
      lines.push(`     defaults  ${defaults.map(showOption).join(', ')}`);
    }
    if (node.requiredBy !== undefined) {
      lines.push(`     added by ${node.requiredBy.userId} (dependsOn)`);
    }
  });
  if (build !== undefined) {
    const steps =
      build.layout === 'layers' ? 'one step per Feature' : 'Features grouped into a script';
    lines.push(`  Built as ${build.tag} on ${build.baseImage} (${steps})`);
  }
  return lines;
}

/** `1.6.2, sha256:0123456789ab`: the version, then where the files come from. */
function resolvedAs(node: FeatureNode): string {
  const version = node.fetched.metadata.version;
  const digest = node.fetched.digest;
  const source =
    node.ref.kind === 'local'
      ? 'local folder'
      : digest !== undefined
        ? shortDigest(digest)
        : node.ref.kind;
  return `${version}, ${node.ref.kind === 'tarball' ? `tarball ${source}` : source}`;
}

function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex === undefined ? digest : `${algorithm}:${hex.slice(0, 12)}`;
}

/** The options the config (or a `dependsOn`) wrote; a string value is the `version` option. */
function setByConfig(node: FeatureNode): Set<string> {
  if (typeof node.value === 'object') {
    return new Set(Object.keys(node.value));
  }
  return typeof node.value === 'string' ? new Set(['version']) : new Set();
}

function showOption([name, value]: [string, string | boolean]): string {
  return `${name}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}
