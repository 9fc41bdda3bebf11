import type { DevContainerConfig, MergedMetadata } from '../config/types';
import type { PlanWarning } from './problems';

/**
 * Properties Apple container cannot honour, or Slipway does not yet: one
 * warning each, so nothing is silently ignored.
 */
export function unsupportedPropertyWarnings(
  config: DevContainerConfig,
  merged: MergedMetadata,
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (const option of merged.securityOpt) {
    warnings.push({
      property: 'securityOpt',
      message: `Left out the security option "${option}": Apple container has no seccomp, AppArmor or SELinux options.`,
    });
  }
  const gpu = merged.hostRequirements?.gpu;
  if (gpu !== undefined && gpu !== false) {
    warnings.push({
      property: 'hostRequirements.gpu',
      message:
        gpu === 'optional'
          ? 'Apple container VMs have no GPU; the container starts without one.'
          : 'The config asks for a GPU, but Apple container VMs have no GPU passthrough; the container starts without one.',
    });
  }
  if (merged.hostRequirements?.storage !== undefined) {
    warnings.push({
      property: 'hostRequirements.storage',
      message: `Apple container cannot reserve disk space; hostRequirements.storage (${merged.hostRequirements.storage}) is not checked.`,
    });
  }
  if (config.shutdownAction === 'stopCompose' && config.dockerComposeFile === undefined) {
    warnings.push({
      property: 'shutdownAction',
      message:
        'shutdownAction "stopCompose" needs Docker Compose, which Apple container does not have; Slipway stops the container with its last window instead.',
    });
  }
  return warnings;
}
