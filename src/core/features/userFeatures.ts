import type { DevContainerConfig } from '../config/types';
import { isRecord, kindOf } from '../config/validate';
import type { FeatureValue } from './featureMetadata';
import { parseFeatureRef, type FeatureRef, type FeatureRefContext } from './featureRef';
import { foldRetiredFeatures } from './legacyIds';
import { errorAt, type FeatureWarning, type Locate, type ValueSite } from './site';

/**
 * The Features a config asks for, in the order it lists them: each id
 * parsed, retired ids folded into their successors' options, legacy ids
 * mapped (with a warning each), as the reference does before it resolves
 * anything (`userFeaturesToArray`, `updateDeprecatedFeaturesIntoOptions`).
 */

export interface FeatureRequest {
  /** The id as written. */
  userId: string;
  ref: FeatureRef;
  /** The options as written, before defaults. */
  value: FeatureValue;
  /** Where the value was written, for errors in its options. */
  site: ValueSite;
}

export interface UserFeatures {
  requests: FeatureRequest[];
  warnings: FeatureWarning[];
}

export interface UserFeatureContext extends FeatureRefContext {
  /** Positions in devcontainer.json (`ParsedConfig.locate`). */
  locate?: Locate;
}

export function collectUserFeatures(
  config: Pick<DevContainerConfig, 'features'>,
  context: UserFeatureContext,
): UserFeatures {
  const written = Object.entries(config.features ?? {});
  const { entries, notes } = foldRetiredFeatures(written);
  const warnings: FeatureWarning[] = [...notes];
  const requests: FeatureRequest[] = [];
  for (const [userId, value] of entries) {
    // A folded Feature that was not written has no place of its own in the
    // file; errors in it point at `features`.
    const writtenHere = written.some(([id]) => id === userId);
    const site: ValueSite = {
      file: context.configFile,
      locate: context.locate,
      path: writtenHere ? ['features', userId] : ['features'],
    };
    if (typeof value !== 'string' && typeof value !== 'boolean' && !isRecord(value)) {
      throw errorAt(
        site,
        `The value of Feature ${JSON.stringify(userId)} must be an object of options, a version string, or a boolean, not ${kindOf(value)}.`,
      );
    }
    const ref = parseFeatureRef(userId, context, site);
    const legacy = legacyWarning(ref);
    if (legacy !== undefined) {
      warnings.push(legacy);
    }
    requests.push({ userId, ref, value, site });
  }
  return { requests, warnings };
}

/** The note for a bare legacy id that was mapped to its registry reference. */
export function legacyWarning(ref: FeatureRef): FeatureWarning | undefined {
  if (ref.kind !== 'oci' || ref.legacyId === undefined) {
    return undefined;
  }
  const current = `${ref.resource}:${ref.tag ?? 'latest'}`;
  return {
    feature: ref.userId,
    message: `"${ref.legacyId}" is a legacy Feature id; Slipway installs ${current} in its place, as the reference implementation does. Write "${current}" in devcontainer.json to make it explicit.`,
  };
}
