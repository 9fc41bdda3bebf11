import type { FeatureMetadata } from './featureMetadata';
import type { FeatureRef } from './featureRef';
import type { FeatureWarning } from './site';

/**
 * What a Feature's metadata says about the Feature itself that the user
 * should know: it is deprecated, it was renamed, or (for a local Feature)
 * its folder and its id disagree. The reference prints the first two in
 * the install banner (`getFeatureInstallWrapperScript`), where they scroll
 * past; Slipway shows them as warnings before building.
 */
export function featureNotices(ref: FeatureRef, metadata: FeatureMetadata): FeatureWarning[] {
  const notices: FeatureWarning[] = [];
  const feature = ref.userId;
  if (metadata.deprecated === true) {
    notices.push({
      feature,
      message:
        'The Feature is deprecated and will not receive further updates; look for its replacement at https://containers.dev/features.',
    });
  }
  const current = metadata.currentId;
  if (metadata.legacyIds.length > 0 && current !== undefined && current !== metadata.id) {
    const suggestion =
      ref.kind === 'oci' ? `${ref.registry}/${ref.namespace}/${current}` : JSON.stringify(current);
    notices.push({
      feature,
      message: `The Feature was renamed; update the reference in devcontainer.json to ${suggestion}.`,
    });
  }
  // The spec's rule for local Features; the reference does not check it and
  // uses the folder name as the id, and so does Slipway.
  if (ref.kind === 'local' && metadata.id.toLowerCase() !== ref.id.toLowerCase()) {
    notices.push({
      feature,
      message: `The Feature's id is "${metadata.id}" but its folder is "${ref.id}"; the spec wants them equal, and Slipway uses "${ref.id}". Rename one of them.`,
    });
  }
  return notices;
}
