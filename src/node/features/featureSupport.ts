import type { FeatureSupport } from '../../core/features/resolved';
import { FeatureCache } from './featureCache';
import { writeFeaturesContext } from './featureFolder';
import { resolveFeatures } from './resolveFeatures';

/** Features on this machine: the shared cache under Slipway's state folder, and temporary build contexts. */
export function createFeatureSupport(options: {
  env?: Record<string, string | undefined>;
  log: (text: string) => void;
  /** Use only the cache (SLIPWAY_OFFLINE=1). */
  offline?: boolean;
}): FeatureSupport {
  let cache: FeatureCache | undefined;
  const getCache = () =>
    (cache ??= new FeatureCache({ env: options.env, log: (line) => options.log(`${line}\n`) }));
  return {
    resolve: (request) => resolveFeatures(request, { cache: getCache(), offline: options.offline }),
    writeContext: writeFeaturesContext,
  };
}
