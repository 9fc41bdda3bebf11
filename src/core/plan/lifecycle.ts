import type {
  LifecycleCommand,
  LifecycleHook,
  MergedMetadata,
  OriginCommand,
} from '../config/types';

/**
 * The lifecycle commands of a plan: for each hook, where it runs, how often,
 * and its commands in order (image metadata, then Features, then
 * devcontainer.json), each with its form.
 */

export type CommandForm = 'string' | 'array' | 'parallel';

export interface LifecycleEntry {
  origin: string;
  form: CommandForm;
  command: LifecycleCommand;
}

export interface LifecycleStep {
  runsOn: 'host' | 'container';
  when: 'every up' | 'once per container' | 'every container start' | 'every attach';
  commands: LifecycleEntry[];
}

export type LifecyclePlan = Partial<Record<LifecycleHook, LifecycleStep>> & {
  /** The last hook the editor waits for before it connects. */
  waitFor: LifecycleHook;
};

export function commandForm(command: LifecycleCommand): CommandForm {
  if (typeof command === 'string') {
    return 'string';
  }
  return Array.isArray(command) ? 'array' : 'parallel';
}

/** The spec counts an empty string, array or object as no command. */
export function isEmptyCommand(command: LifecycleCommand): boolean {
  if (typeof command === 'string') {
    return command.trim() === '';
  }
  return Array.isArray(command) ? command.length === 0 : Object.keys(command).length === 0;
}

function step(
  runsOn: LifecycleStep['runsOn'],
  when: LifecycleStep['when'],
  commands: readonly OriginCommand[],
): LifecycleStep | undefined {
  const entries = commands
    .filter((entry) => !isEmptyCommand(entry.command))
    .map((entry) => ({
      origin: entry.origin,
      form: commandForm(entry.command),
      command: entry.command,
    }));
  return entries.length === 0 ? undefined : { runsOn, when, commands: entries };
}

export function planLifecycle(
  initializeCommand: LifecycleCommand | undefined,
  merged: MergedMetadata,
): LifecyclePlan {
  const steps: Array<[LifecycleHook, LifecycleStep | undefined]> = [
    [
      'initializeCommand',
      step(
        'host',
        'every up',
        initializeCommand === undefined
          ? []
          : [{ origin: 'devcontainer.json', command: initializeCommand }],
      ),
    ],
    ['onCreateCommand', step('container', 'once per container', merged.onCreateCommands)],
    ['updateContentCommand', step('container', 'once per container', merged.updateContentCommands)],
    ['postCreateCommand', step('container', 'once per container', merged.postCreateCommands)],
    ['postStartCommand', step('container', 'every container start', merged.postStartCommands)],
    ['postAttachCommand', step('container', 'every attach', merged.postAttachCommands)],
  ];
  const plan: LifecyclePlan = { waitFor: merged.waitFor ?? 'updateContentCommand' };
  for (const [hook, entry] of steps) {
    if (entry !== undefined) {
      plan[hook] = entry;
    }
  }
  return plan;
}
