/**
 * Label values Apple accepts. Apple 1.2.x rejects a label whose value contains
 * `=` (apple/container#1977), and the merged metadata JSON or a workspace path
 * often does. Such values are stored as base64url (which has no `=` when
 * unpadded) behind a prefix, and decoded when read back. A value that happens
 * to start with the prefix is encoded too, so decoding is always exact.
 */

export const ENCODED_LABEL_PREFIX = 'slipway-b64:';

export function encodeLabelValue(value: string): string {
  if (!value.includes('=') && !value.startsWith(ENCODED_LABEL_PREFIX)) {
    return value;
  }
  return ENCODED_LABEL_PREFIX + Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeLabelValue(value: string): string {
  if (!value.startsWith(ENCODED_LABEL_PREFIX)) {
    return value;
  }
  return Buffer.from(value.slice(ENCODED_LABEL_PREFIX.length), 'base64url').toString('utf8');
}

/** `-l key=value` arguments for a set of labels, values encoded for Apple. */
export function labelArgs(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => [
    '-l',
    `${key}=${encodeLabelValue(value)}`,
  ]);
}

/** Decodes every value of a container's `configuration.labels`. */
export function decodeLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  // A loop, not entries/fromEntries: this runs for every container on every refresh.
  const decoded: Record<string, string> = {};
  for (const key in labels) {
    decoded[key] = decodeLabelValue(labels[key]!);
  }
  return decoded;
}

/** The release of `container` that created a container (Check Setup flags ones older than the service). */
export const CONTAINER_VERSION_LABEL = 'slipway.container.version';

/**
 * `run …` with the creating release recorded as a label. Added when the
 * command runs, not in the plan: the plan is made before the version is asked.
 */
export function withContainerVersionLabel(args: readonly string[], version: string): string[] {
  const [verb = 'run', ...rest] = args;
  return [verb, '-l', `${CONTAINER_VERSION_LABEL}=${encodeLabelValue(version)}`, ...rest];
}
