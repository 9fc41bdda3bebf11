import type { PlanRequest } from '../../../src/core/engine/planWorkspace';
import type { Plan } from '../../../src/core/plan/types';
import { planFiles, WORKSPACE } from '../../support/planFixture';
import { isConfigError, type ConfigError } from '../../../src/core/errors';

/** A Compose workspace at /Users/me/proj: devcontainer.json and compose.yml in .devcontainer. */

export const DC = `${WORKSPACE}/.devcontainer`;
export const COMPOSE = `${DC}/compose.yml`;
export const PROJECT = 'proj_devcontainer';

export function planCompose(
  compose: string,
  config: Record<string, unknown> = {},
  request: Partial<PlanRequest> = {},
  extra: Record<string, string> = {},
): Promise<Plan> {
  return planFiles(
    {
      [`${DC}/devcontainer.json`]: JSON.stringify(
        {
          dockerComposeFile: 'compose.yml',
          service: 'app',
          workspaceFolder: '/workspace',
          ...config,
        },
        null,
        2,
      ),
      [COMPOSE]: compose,
      ...extra,
    },
    request,
  );
}

export async function composeError(
  compose: string,
  config: Record<string, unknown> = {},
  request: Partial<PlanRequest> = {},
): Promise<ConfigError> {
  try {
    await planCompose(compose, config, request);
  } catch (error) {
    if (isConfigError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the plan to fail');
}

export function runOf(plan: Plan, service: string): string[] {
  const name = plan.compose?.services.find((s) => s.name === service)?.containerName;
  const run = plan.commands.find((c) => c.step === 'run' && c.argv.includes(`${name}`));
  if (run === undefined) {
    throw new Error(`no run command for ${service}`);
  }
  return run.argv;
}

/** The values of every occurrence of an option. */
export function values(argv: readonly string[], flag: string): string[] {
  const image = argv.findIndex(
    (arg, index) => index > 1 && !arg.startsWith('-') && !argv[index - 1]!.startsWith('-'),
  );
  const options = image < 0 ? argv : argv.slice(0, image);
  return options.flatMap((arg, index) => (arg === flag ? [options[index + 1]!] : []));
}
