import { asCount, asRecord, parseJson } from '../json/read';

/**
 * `container system df --format json` (0.7+): Apple's DiskUsageStats, one
 * ResourceUsage each for images, containers and volumes. The shape has not
 * changed since 0.7.0 (Apple's SystemDF.swift / DiskUsage.swift; see
 * test/standin/README.md); 1.4.1+ only stops escaping `/`, which no field has.
 */

export interface ResourceUsage {
  total: number;
  /** Images used by a container, running containers, mounted volumes. */
  active: number;
  sizeInBytes: number;
  /** What removing the inactive ones would free. */
  reclaimable: number;
}

export interface DiskUsage {
  images: ResourceUsage;
  containers: ResourceUsage;
  volumes: ResourceUsage;
}

/** `system df` read, or why it could not be. */
export type DiskProbe = { usage: DiskUsage } | { error: string };

const KINDS = ['images', 'containers', 'volumes'] as const;

function readResource(value: unknown): ResourceUsage | undefined {
  const record = asRecord(value);
  const total = asCount(record?.total);
  const active = asCount(record?.active);
  const sizeInBytes = asCount(record?.sizeInBytes);
  const reclaimable = asCount(record?.reclaimable);
  if (
    total === undefined ||
    active === undefined ||
    sizeInBytes === undefined ||
    reclaimable === undefined
  ) {
    return undefined;
  }
  return { total, active, sizeInBytes, reclaimable };
}

/**
 * Never throws: an output that is not DiskUsageStats becomes the check's
 * finding (naming the part that was wrong), not the doctor's failure.
 */
export function readDiskUsage(stdout: string): DiskProbe {
  const parsed = parseJson(stdout.trim());
  if (!parsed.ok) {
    return { error: `\`system df --format json\` printed no JSON (${parsed.reason})` };
  }
  const record = asRecord(parsed.value);
  const [images, containers, volumes] = KINDS.map((kind) => readResource(record?.[kind]));
  if (images === undefined || containers === undefined || volumes === undefined) {
    const kind = KINDS.find((k) => readResource(record?.[k]) === undefined) ?? 'images';
    return {
      error: `\`system df --format json\` has no usable "${kind}" (total, active, sizeInBytes, reclaimable)`,
    };
  }
  return { usage: { images, containers, volumes } };
}
