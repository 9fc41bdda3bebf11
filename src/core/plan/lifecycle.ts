import type {
  LifecycleCommand,
  LifecycleHook,
  MergedMetadata,
  OriginCommand,
} from '../config/types';
import { CONFIG_ORIGIN } from '../config/metadata';
import type { SourceLocation } from '../errors';

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
  /** Where devcontainer.json writes it, so a failure can open the file there (its own entries only). */
  location?: SourceLocation;
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

/** Where a hook is written in devcontainer.json, when it is. */
export type LocateHook = (hook: LifecycleHook) => SourceLocation | undefined;

function step(
  runsOn: LifecycleStep['runsOn'],
  when: LifecycleStep['when'],
  commands: readonly OriginCommand[],
  location: SourceLocation | undefined,
): LifecycleStep | undefined {
  const entries = commands
    .filter((entry) => !isEmptyCommand(entry.command))
    .map((entry): LifecycleEntry => ({
      origin: entry.origin,
      form: commandForm(entry.command),
      command: entry.command,
      ...(entry.origin === CONFIG_ORIGIN && location !== undefined ? { location } : {}),
    }));
  return entries.length === 0 ? undefined : { runsOn, when, commands: entries };
}

export function planLifecycle(
  initializeCommand: LifecycleCommand | undefined,
  merged: MergedMetadata,
  locate: LocateHook = () => undefined,
): LifecyclePlan {
  const container = (
    hook: LifecycleHook,
    when: LifecycleStep['when'],
    commands: readonly OriginCommand[],
  ): [LifecycleHook, LifecycleStep | undefined] => [
    hook,
    step('container', when, commands, locate(hook)),
  ];
  const steps: Array<[LifecycleHook, LifecycleStep | undefined]> = [
    [
      'initializeCommand',
      step(
        'host',
        'every up',
        initializeCommand === undefined
          ? []
          : [{ origin: CONFIG_ORIGIN, command: initializeCommand }],
        locate('initializeCommand'),
      ),
    ],
    container('onCreateCommand', 'once per container', merged.onCreateCommands),
    container('updateContentCommand', 'once per container', merged.updateContentCommands),
    container('postCreateCommand', 'once per container', merged.postCreateCommands),
    container('postStartCommand', 'every container start', merged.postStartCommands),
    container('postAttachCommand', 'every attach', merged.postAttachCommands),
  ];
  const plan: LifecyclePlan = { waitFor: merged.waitFor ?? 'updateContentCommand' };
  for (const [hook, entry] of steps) {
    if (entry !== undefined) {
      plan[hook] = entry;
    }
  }
  return plan;
}
