import { planWorkspace, type PlanRequest } from '../../src/core/engine/planWorkspace';
import { isConfigError, type ConfigError } from '../../src/core/errors';
import type { Plan } from '../../src/core/plan/types';
import { MemoryFileSystem } from './memoryFs';

/** Plans an in-memory workspace at /Users/me/proj (a Git repository) with the given files. */
export const WORKSPACE = '/Users/me/proj';

export function planFiles(
  files: Record<string, string>,
  request: Partial<PlanRequest> = {},
): Promise<Plan> {
  const fs = new MemoryFileSystem({
    [`${WORKSPACE}/.git/HEAD`]: 'ref: refs/heads/main\n',
    ...files,
  });
  return planWorkspace(fs, {
    workspaceFolder: WORKSPACE,
    settings: {},
    env: { HOME: '/Users/me', USER: 'me' },
    ...request,
  });
}

/** Plans a workspace whose only config is `.devcontainer/devcontainer.json` with this content. */
export function planConfig(
  config: unknown,
  request: Partial<PlanRequest> = {},
  extraFiles: Record<string, string> = {},
): Promise<Plan> {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  return planFiles(
    { [`${WORKSPACE}/.devcontainer/devcontainer.json`]: text, ...extraFiles },
    request,
  );
}

export async function planError(
  config: unknown,
  request: Partial<PlanRequest> = {},
  extraFiles: Record<string, string> = {},
): Promise<ConfigError> {
  try {
    await planConfig(config, request, extraFiles);
  } catch (error) {
    if (isConfigError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the plan to fail');
}

export function runArgv(plan: Plan): string[] {
  const run = plan.commands.find((command) => command.step === 'run');
  if (run === undefined) {
    throw new Error('no run command');
  }
  return run.argv;
}

/** The values that follow each occurrence of an option. */
export function optionValues(argv: readonly string[], option: string): string[] {
  const values: string[] = [];
  argv.forEach((arg, index) => {
    if (arg === option && index + 1 < argv.length) {
      values.push(argv[index + 1] ?? '');
    }
  });
  return values;
}
