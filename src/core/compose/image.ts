import * as path from 'node:path';
import { buildCommand } from '../plan/build';
import { choosePlatform, type PlatformChoice } from '../plan/platform';
import { isValueProblem, type PlanWarning } from '../plan/problems';
import type { PlanCommand, PlanInput } from '../plan/types';
import { command } from './commands';
import type { ComposeProject } from './load';
import { failAtNode, isMap, keyWhere, scalarText, type MapNode } from './tree';

/**
 * What a service runs: its `image`, or the image its `build` makes with
 * `container build` (context, dockerfile or dockerfile_inline, args,
 * target), for the platform it asks for (Rosetta as for single containers).
 */

/** Placeholder for the folder the engine writes a `dockerfile_inline` into. */
export const INLINE_DOCKERFILE_PLACEHOLDER = '{{slipway-inline-dockerfile}}';

export interface Built {
  image: string;
  command?: PlanCommand;
  /** The Dockerfile text of `dockerfile_inline`, for the engine to write before the build. */
  inlineDockerfile?: string;
  warnings: PlanWarning[];
}

export function imageOf(
  input: PlanInput,
  project: ComposeProject,
  projectName: string,
  name: string,
  service: MapNode,
  platform: string,
): Built {
  const image = scalarText(service.entries.get('image'));
  const build = service.entries.get('build');
  if (!isMap(build)) {
    if (image === undefined) {
      failAtNode(
        service.where,
        ['services', name],
        'the service has neither "image" nor "build": there is nothing to run',
      );
    }
    return { image, warnings: [] };
  }
  const keyPath = ['services', name, 'build'];
  const contextText = scalarText(build.entries.get('context')) ?? '.';
  if (/^[a-z]+:\/\//i.test(contextText) || contextText.startsWith('git@')) {
    failAtNode(
      keyWhere(build, 'context'),
      [...keyPath, 'context'],
      "Apple's container build needs a local folder as its context, not a URL",
    );
  }
  const context = path.posix.resolve(project.projectDir, contextText);
  const inline = scalarText(build.entries.get('dockerfile_inline'));
  const dockerfile =
    inline !== undefined
      ? `${INLINE_DOCKERFILE_PLACEHOLDER}/${name}.Dockerfile`
      : path.posix.resolve(context, scalarText(build.entries.get('dockerfile')) ?? 'Dockerfile');
  const tag = image ?? `localhost/${projectName}-${name}:latest`;
  const args: Record<string, string> = {};
  const argsNode = build.entries.get('args');
  if (isMap(argsNode)) {
    for (const [key, value] of argsNode.entries) {
      const text = scalarText(value) ?? project.env[key];
      if (text !== undefined) {
        args[key] = text;
      }
    }
  }
  const result = buildCommand({
    dockerfile,
    context,
    tag,
    platform,
    target: scalarText(build.entries.get('target')),
    args,
    options: [],
    noCache: input.options?.noCache,
  });
  const description =
    inline !== undefined
      ? `Build ${tag} for ${name} from its dockerfile_inline`
      : `Build ${tag} for ${name} from ${dockerfile}`;
  return {
    image: tag,
    command: command('build', description, result.argv, result.requirements),
    ...(inline !== undefined ? { inlineDockerfile: inline } : {}),
    warnings: result.warnings.map((w) => ({
      property: `services.${name}.build`,
      message: w.message,
    })),
  };
}

export function platformFor(
  input: PlanInput,
  name: string,
  service: MapNode,
  primary: boolean,
): PlatformChoice {
  const own = scalarText(service.entries.get('platform'));
  try {
    if (primary) {
      return choosePlatform({
        setting: input.settings.platform,
        rosettaSetting: input.settings.rosetta,
        runArgsPlatform: own,
        image: scalarText(service.entries.get('image')),
        imagePlatforms: input.facts.imagePlatforms,
      });
    }
    return choosePlatform({
      runArgsPlatform: own,
      image: scalarText(service.entries.get('image')),
    });
  } catch (error) {
    if (isValueProblem(error)) {
      failAtNode(keyWhere(service, 'platform'), ['services', name, 'platform'], error.message);
    }
    throw error;
  }
}
