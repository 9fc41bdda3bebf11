import assert from 'node:assert/strict';
import { isConfigError, type ConfigError } from '../../../src/core/errors';
import {
  expandFeatureGraph,
  type FeatureLookup,
  type FeatureNode,
  type FetchedFeature,
} from '../../../src/core/features/featureGraph';
import type { FeatureMetadata } from '../../../src/core/features/featureMetadata';
import type { FeatureRef, FeatureRefContext } from '../../../src/core/features/featureRef';
import type { FeatureWarning } from '../../../src/core/features/site';
import type { FeatureRequest } from '../../../src/core/features/userFeatures';

/** Shared helpers of the Feature tests: metadata, a fake fetcher, error capture. */

export const WORKSPACE = '/work/project';
export const CONFIG = `${WORKSPACE}/.devcontainer/devcontainer.json`;
export const CONTEXT: FeatureRefContext = { configFile: CONFIG, workspaceFolder: WORKSPACE };

export function metadata(partial: Partial<FeatureMetadata> & { id: string }): FeatureMetadata {
  return {
    version: '1.0.0',
    options: {},
    dependsOn: {},
    installsAfter: [],
    legacyIds: [],
    ...partial,
  };
}

/** The ConfigError `action` throws. */
export function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (isConfigError(error)) {
      return error;
    }
    throw error;
  }
  assert.fail('expected a ConfigError');
}

/**
 * A registry and a disk in memory: OCI Features by resource (every tag and
 * digest of a resource gives the same manifest unless a `resource:tag` key
 * is registered), tarballs by URL, local Features by folder.
 */
export class FakeFeatures {
  private readonly byKey = new Map<string, FetchedFeature>();
  readonly fetched: string[] = [];

  add(key: string, feature: FetchedFeature): this {
    this.byKey.set(key, feature);
    return this;
  }

  find(ref: FeatureRef): FetchedFeature | undefined {
    switch (ref.kind) {
      case 'oci':
        return (
          this.byKey.get(`${ref.resource}:${ref.tag ?? ''}`) ??
          this.byKey.get(`${ref.resource}@${ref.digest ?? ''}`) ??
          this.byKey.get(ref.resource)
        );
      case 'tarball':
        return this.byKey.get(ref.url);
      case 'local':
        return this.byKey.get(ref.path);
    }
  }

  /**
   * Expands the graph the way the fetching layer will: ask, fetch what is
   * missing, ask again. Returns the nodes and the number of fetch rounds.
   */
  resolve(
    requests: readonly FeatureRequest[],
    context: FeatureRefContext = CONTEXT,
    pin: (ref: FeatureRef) => string | undefined = () => undefined,
  ): { nodes: FeatureNode[]; added: FeatureNode[]; warnings: FeatureWarning[]; rounds: number } {
    const known = new Map<string, FetchedFeature>();
    const lookup: FeatureLookup = (ref) => known.get(JSON.stringify(ref));
    for (let rounds = 0; rounds < 20; rounds++) {
      const graph = expandFeatureGraph(requests, lookup, context);
      if (graph.complete) {
        return { nodes: graph.nodes, added: graph.added, warnings: graph.warnings, rounds };
      }
      for (const ref of graph.missing) {
        // A locked reference is fetched by its pinned digest, as the reference does.
        const digest = pin(ref);
        const found = this.find(
          digest !== undefined && ref.kind === 'oci' ? { ...ref, tag: undefined, digest } : ref,
        );
        if (found === undefined) {
          assert.fail(`the test registry has no ${ref.userId}`);
        }
        this.fetched.push(ref.userId);
        known.set(JSON.stringify(ref), found);
      }
    }
    assert.fail('the graph never completed');
  }
}

export function digestOf(seed: string): string {
  return `sha256:${seed.padEnd(64, '0').slice(0, 64)}`;
}
