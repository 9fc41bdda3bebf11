import { ContainerCliError } from '../client/types';
import { FEATURES_CONTEXT_PLACEHOLDER } from '../features/buildContext';
import { parseFeatureProgress } from '../features/buildScripts';
import type { Plan, PlanFeatures } from '../plan/types';
import type { EngineDeps } from './deps';
import { imageFactsOf, localImage } from './imageMetadata';
import type { FeatureBase, ImageFacts, PreparedWorkspace } from './planWorkspace';
import type { Timings } from './timings';

/**
 * The Features step of `up`: inspect the base image (pulling a config's
 * image first if it is not here yet), plan again with what that says (its
 * user, id and `devcontainer.metadata`), and
 * build the Features image unless an image with its tag exists already (the
 * tag names everything the image is made of, so an unchanged config reuses
 * it). Each Feature's install is timed as its own phase, `feature:<id>`,
 * from the progress lines the generated install wrapper prints.
 */

/** Lines of a failed Feature's output shown in the error; the whole output is in the log. */
const OUTPUT_LINES = 40;

export async function featuresStep(
  deps: EngineDeps,
  prepared: PreparedWorkspace,
  plan: Plan,
  options: { built: boolean; noCache?: boolean; timings: Timings; signal?: AbortSignal },
): Promise<Plan> {
  const { base, metadata, process } = await inspectBase(deps, plan, options.built, options.signal);
  // A Compose service runs its base image's ENTRYPOINT and CMD after the keep-alive (overrideCommand
  // false): the Features image inherits them, but the plan only knows them from this inspect.
  if (metadata.length > 0 || (plan.compose !== undefined && process !== undefined)) {
    await prepared.withImage({ metadata, ...(plan.compose !== undefined ? { process } : {}) });
  }
  const replanned = prepared.withBase(base);
  const features = replanned.features;
  if (features === undefined) {
    return replanned;
  }
  if (options.noCache !== true) {
    const existing = await deps.client.imageInspect(features.tag, { signal: options.signal });
    if (existing !== undefined) {
      deps.log(`Reusing ${features.tag}: the Features are installed in it already.\n`);
      return replanned;
    }
  }
  await buildFeaturesImage(deps, features, options.timings, options.signal);
  return replanned;
}

/**
 * The base image's USER and id, and its metadata entries (which come before
 * the Features' in the merged list). Its platforms are not applied: the base
 * was inspected, or built, for the plan's platform already.
 */
async function inspectBase(
  deps: EngineDeps,
  plan: Plan,
  built: boolean,
  signal?: AbortSignal,
): Promise<{
  base: FeatureBase;
  metadata: ImageFacts['metadata'];
  process: ImageFacts['process'];
}> {
  const reference = plan.features?.baseImage ?? plan.image;
  // A config's image that is not here yet is pulled: the Features build needs its user first.
  const info = await localImage(deps, reference, {
    platform: plan.platform.platform,
    pull: !built,
    signal,
  });
  if (info === undefined) {
    throw new ContainerCliError(
      'imageNotFound',
      `The image ${reference} is not on this machine, so Slipway cannot install Features on it.`,
    );
  }
  const facts = imageFactsOf(deps, info);
  return {
    base: { ...(info.user ? { user: info.user } : {}), ...(info.id ? { id: info.id } : {}) },
    metadata: facts.metadata,
    process: facts.process,
  };
}

async function buildFeaturesImage(
  deps: EngineDeps,
  features: PlanFeatures,
  timings: Timings,
  signal?: AbortSignal,
): Promise<void> {
  const support = deps.features;
  if (support === undefined) {
    throw new Error('The engine was wired without Feature support.');
  }
  const ids = features.installOrder.map((item) => item.id);
  const context = await support.writeContext(features.build.contextFiles);
  const progress = new FeatureProgress(ids, timings);
  try {
    deps.log(
      `Installing ${ids.length} Feature${ids.length === 1 ? '' : 's'} into ${features.tag}...\n`,
    );
    const args = features.build.buildArgs.map((arg) =>
      arg.split(FEATURES_CONTEXT_PLACEHOLDER).join(context.dir),
    );
    await deps.client.runPlanned(args, {
      signal,
      onLog: (line) => {
        deps.log(`${line}\n`);
        progress.line(line);
      },
    });
  } catch (error) {
    throw progress.failure() ?? error;
  } finally {
    await context.dispose();
  }
}

/** Follows one build's output: which Feature is installing, and what it printed. */
class FeatureProgress {
  private current: { index: number; output: string[] } | undefined;
  private failed: { index: number; status: number; output: string[] } | undefined;

  constructor(
    private readonly ids: readonly string[],
    private readonly timings: Timings,
  ) {}

  private phase(index: number): string {
    return `feature:${this.ids[index - 1] ?? String(index)}`;
  }

  line(line: string): void {
    const event = parseFeatureProgress(line);
    if (event === undefined) {
      this.current?.output.push(line);
      return;
    }
    if (event.event === 'begin') {
      this.current = { index: event.index, output: [] };
      this.timings.begin(this.phase(event.index));
      return;
    }
    this.timings.end(this.phase(event.index));
    if (event.status !== 0 && this.current?.index === event.index) {
      this.failed = { index: event.index, status: event.status, output: this.current.output };
    }
    this.current = undefined;
  }

  /**
   * The build's failure told as the Feature's, when a Feature's install was
   * what failed. Its output holds all the build said about it (the build's
   * own error repeats it), ending with the wrapper's line naming the Feature.
   */
  failure(): ContainerCliError | undefined {
    const failed =
      this.failed ??
      (this.current === undefined ? undefined : { ...this.current, status: undefined });
    if (failed === undefined) {
      return undefined;
    }
    const id = this.ids[failed.index - 1] ?? `#${failed.index}`;
    const status = failed.status === undefined ? '' : ` (exit status ${failed.status})`;
    const output = failed.output.slice(-OUTPUT_LINES).join('\n');
    return new ContainerCliError(
      'failed',
      `The Feature "${id}" failed to install${status}. Its output:\n${output}`,
    );
  }
}
