import { ConfigError, isConfigError } from '../errors';
import { sameFeature } from './featureCompare';
import type { FeatureMetadata, FeatureValue } from './featureMetadata';
import { featureNotices } from './featureNotices';
import {
  featureRefKey,
  parseFeatureRef,
  type FeatureRef,
  type FeatureRefContext,
} from './featureRef';
import type { FeatureWarning, Locate, ValueSite } from './site';
import { legacyWarning, type FeatureRequest } from './userFeatures';

/**
 * The set of Features to install: the user's, plus everything their
 * `dependsOn` pulls in, recursively, each with its metadata. This is step
 * (1) of the spec's dependency algorithm as the reference implements it
 * (`_buildDependencyGraph` in containerFeaturesOrder.ts): a breadth-first
 * worklist, where a Feature equal to one already accumulated (same content,
 * same options; see featureCompare.ts) is not added again.
 *
 * Fetching is not done here. The caller passes what it has fetched so far;
 * while some Feature's metadata is missing, the answer lists what to fetch
 * next (the references `dependsOn` added), and the caller fetches and asks
 * again. Each round reaches one level deeper, and the final answer is the
 * same as if everything had been known from the start.
 */

export interface FetchedFeature {
  metadata: FeatureMetadata;
  /**
   * OCI: the manifest digest (required: it is the Feature's identity).
   * Tarball: `sha256:<hex>` of the .tgz. Local: none.
   */
  digest?: string;
  /** The devcontainer-feature.json it came from, so errors in its dependsOn point there. */
  file?: string;
  locate?: Locate;
  /** Warnings from parsing the metadata, reported once with the graph's. */
  warnings?: FeatureWarning[];
}

/** What the caller has fetched: the Feature a reference names (for OCI, by tag or pinned digest). */
export type FeatureLookup = (ref: FeatureRef) => FetchedFeature | undefined;

export interface FeatureNode {
  /** The id as written in `features` or in the `dependsOn` that added it. */
  userId: string;
  ref: FeatureRef;
  /** The options as written, before defaults. */
  value: FeatureValue;
  /** Where the value was written. */
  site: ValueSite;
  origin: 'user' | 'dependsOn';
  /** The Feature whose `dependsOn` added this one. */
  requiredBy?: FeatureNode;
  fetched: FetchedFeature;
  /** Hard dependencies (equal Features may appear as separate objects). */
  dependsOn: FeatureNode[];
  /** Soft dependencies, before those that are not installed are dropped. */
  installsAfter: FeatureRef[];
  /** The Feature's ids, lower-cased: its current id and its `legacyIds`. */
  aliases: string[];
}

export type FeatureGraph =
  | {
      complete: true;
      /** Every distinct Feature, in the order the worklist reached them. */
      nodes: FeatureNode[];
      /** The Features `dependsOn` added that the user did not list. */
      added: FeatureNode[];
      warnings: FeatureWarning[];
    }
  | {
      complete: false;
      /** References whose metadata is needed next, each once. */
      missing: FeatureRef[];
    };

type Pending = Omit<FeatureNode, 'fetched'> & { fetched?: FetchedFeature };

export function expandFeatureGraph(
  requests: readonly FeatureRequest[],
  lookup: FeatureLookup,
  context: FeatureRefContext,
): FeatureGraph {
  const worklist: Pending[] = requests.map((request) => ({
    ...request,
    origin: 'user',
    dependsOn: [],
    installsAfter: [],
    aliases: [],
  }));
  const accumulated: FeatureNode[] = [];
  const missing = new Map<string, FeatureRef>();
  const warnings: FeatureWarning[] = [];
  const reported = new Set<FetchedFeature>();

  for (let current = worklist.shift(); current !== undefined; current = worklist.shift()) {
    const fetched = lookup(current.ref);
    if (fetched === undefined) {
      missing.set(featureRefKey(current.ref), current.ref);
      continue;
    }
    if (current.ref.kind === 'oci' && fetched.digest === undefined) {
      // A programming error in the fetcher, not a user mistake.
      throw new Error(`No manifest digest for the OCI Feature ${current.userId}.`);
    }
    current.fetched = fetched;
    const { metadata } = fetched;
    current.aliases = [metadata.currentId ?? metadata.id, ...metadata.legacyIds].map((id) =>
      id.toLowerCase(),
    );
    const node = current as FeatureNode;
    if (accumulated.some((other) => sameFeature(other, node))) {
      continue;
    }
    if (!reported.has(fetched)) {
      reported.add(fetched);
      warnings.push(...(fetched.warnings ?? []), ...featureNotices(node.ref, metadata));
    }
    for (const [userId, value] of Object.entries(metadata.dependsOn)) {
      const site = metadataSite(node, ['dependsOn', userId]);
      const ref = parseDependency(userId, node, context, site);
      const legacy = legacyWarning(ref);
      if (legacy !== undefined) {
        warnings.push(legacy);
      }
      const dependency: Pending = {
        userId,
        ref,
        value,
        site,
        origin: 'dependsOn',
        requiredBy: node,
        dependsOn: [],
        installsAfter: [],
        aliases: [],
      };
      node.dependsOn.push(dependency as FeatureNode);
      worklist.push(dependency);
    }
    // Soft dependencies are not followed: they only order Features that
    // are installed anyway.
    metadata.installsAfter.forEach((userId, index) => {
      const site = metadataSite(node, ['installsAfter', index]);
      node.installsAfter.push(parseDependency(userId, node, context, site));
    });
    accumulated.push(node);
  }

  if (missing.size > 0) {
    return { complete: false, missing: [...missing.values()] };
  }
  return {
    complete: true,
    nodes: accumulated,
    added: accumulated.filter((node) => node.origin === 'dependsOn'),
    warnings,
  };
}

function metadataSite(node: FeatureNode, path: Array<string | number>): ValueSite {
  return {
    file: node.fetched.file ?? `${node.userId} (devcontainer-feature.json)`,
    locate: node.fetched.locate,
    path,
  };
}

/**
 * A `dependsOn` or `installsAfter` id, parsed like a `features` key: local
 * paths are relative to devcontainer.json (the spec: "relative to folder
 * containing the active devcontainer.json"), as the reference resolves them.
 */
function parseDependency(
  userId: string,
  node: FeatureNode,
  context: FeatureRefContext,
  site: ValueSite,
): FeatureRef {
  try {
    return parseFeatureRef(userId, context, site);
  } catch (error) {
    if (isConfigError(error)) {
      throw new ConfigError(
        `In Feature ${JSON.stringify(node.userId)}: ${error.message}`,
        error.file,
        error.line,
        error.column,
      );
    }
    throw error;
  }
}
