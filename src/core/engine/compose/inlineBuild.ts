import { INLINE_DOCKERFILE_PLACEHOLDER } from '../../compose/image';
import type { ComposePlan } from '../../compose/types';
import { ConfigError } from '../../errors';
import type { EngineDeps } from '../deps';

/**
 * A service's `container build`, with Compose's `dockerfile_inline` written
 * first to a Slipway temporary folder (never into the user's workspace: the
 * build context stays theirs, untouched) and removed after the build.
 */
export async function runComposeBuild(
  deps: EngineDeps,
  compose: ComposePlan,
  args: string[],
  options: { signal?: AbortSignal; onLog: (line: string) => void },
): Promise<void> {
  const services = args.flatMap((arg) => {
    if (!arg.startsWith(`${INLINE_DOCKERFILE_PLACEHOLDER}/`)) {
      return [];
    }
    return [arg.slice(INLINE_DOCKERFILE_PLACEHOLDER.length + 1).replace(/\.Dockerfile$/, '')];
  });
  if (services.length === 0) {
    await deps.client.runPlanned(args, options);
    return;
  }
  if (deps.scratch === undefined) {
    throw new ConfigError(
      '`dockerfile_inline` needs a temporary folder to write the Dockerfile to, which this Slipway was started without: put the Dockerfile in a file and name it with `build.dockerfile`.',
    );
  }
  const files = services.map((service) => {
    const content = compose.inlineDockerfiles[service];
    if (content === undefined) {
      throw new Error(`The plan has no dockerfile_inline for the service ${service}.`);
    }
    return { path: `${service}.Dockerfile`, content, mode: 0o600 };
  });
  const folder = await deps.scratch.write(files);
  try {
    const written = args.map((arg) => arg.split(INLINE_DOCKERFILE_PLACEHOLDER).join(folder.dir));
    await deps.client.runPlanned(written, options);
  } finally {
    await folder.dispose();
  }
}
