import { isContainerCliError } from './client/types';
import type { LifecycleHook } from './config/types';
import { isLifecycleError } from './engine/lifecycleRunner';
import { isConfigError, type SourceLocation } from './errors';
import { kernelDetail, memoryRemedy, ranOutOf, type OutOfMemory } from './memory/outOfMemory';
import { isRemoteHostError } from './remote/remoteErrors';
import { isSshBootstrapError } from './ssh/bootstrapErrors';

/**
 * The one answer to "what went wrong, in the user's words?", for every
 * surface: the CLI's stderr and JSON, the editor's notifications, status bar
 * and tooltip. Like devcontainers/cli's single error type with a remedy, each
 * error a user can cause says what happened, what they can read about it, and
 * what to do; anything else is Slipway's bug and says so, without a class
 * name or a stack (those go to the log only).
 */

export type ErrorKind =
  | 'config'
  | 'container'
  | 'lifecycle'
  | 'outOfMemory'
  | 'sshBootstrap'
  /** `--host`: the SSH connection to the other Mac failed. */
  | 'ssh'
  /** `--host`: the other Mac lacks something (container, the workspace folder). */
  | 'remoteHost'
  | 'cancelled'
  | 'internal';

/** What a surface may offer next to the message. */
export type ErrorAction = 'showLog' | 'rebuild' | 'openConfig' | 'configureResources';

export interface UserFacingError {
  kind: ErrorKind;
  /** What happened: one line, except a `container` failure quoting Apple's several lines. */
  message: string;
  /** More to read, possibly several lines (a hook's last output). */
  detail?: string;
  /** What to do about it. */
  remedy?: string;
  /** Where in a file the problem is, for Open devcontainer.json. */
  location?: SourceLocation;
  actions: ErrorAction[];
  /** The failed lifecycle hook and its exit code. */
  hook?: LifecycleHook;
  exitCode?: number;
  /** An out-of-memory kill: the limit it hit and the size to offer instead. */
  outOfMemory?: OutOfMemory;
}

const HOOK_REMEDY =
  'Fix the command, then start the container again: Slipway reuses the container and runs the ' +
  'lifecycle commands that did not finish. Rebuild starts over with a fresh container.';

const INTERNAL_REMEDY = 'This is a bug in Slipway: the log has the details; please report it.';

/** The message's first line, and the rest (Apple's or a script's own lines) as detail. */
function splitLines(text: string): { message: string; detail?: string } {
  const [first = '', ...rest] = text.trim().split('\n');
  const detail = rest.join('\n').trim();
  return detail === '' ? { message: first.trim() } : { message: first.trim(), detail };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function describeError(error: unknown): UserFacingError {
  if (isConfigError(error)) {
    return {
      kind: 'config',
      message: error.message,
      ...(error.file !== undefined
        ? { location: { file: error.file, line: error.line, column: error.column } }
        : {}),
      actions: error.file !== undefined ? ['openConfig', 'showLog'] : ['showLog'],
    };
  }
  if (isLifecycleError(error) && error.outOfMemory !== undefined) {
    const oom = error.outOfMemory;
    const command = error.failure === undefined ? '' : ` Command: ${error.failure.command}`;
    return {
      kind: 'outOfMemory',
      message: `${error.hook} was killed: ${ranOutOf(oom)}.${command}`,
      detail: kernelDetail(oom),
      remedy: memoryRemedy(oom),
      ...(error.failure?.location !== undefined ? { location: error.failure.location } : {}),
      actions: ['configureResources', 'showLog'],
      hook: error.hook,
      exitCode: error.exitCode,
      outOfMemory: oom,
    };
  }
  if (isLifecycleError(error)) {
    const failure = error.failure;
    const message =
      failure === undefined
        ? error.message
        : `${error.message.replace(/\.$/, '')}. Command: ${failure.command}`;
    const tail = failure?.outputTail ?? [];
    return {
      kind: 'lifecycle',
      message,
      ...(tail.length > 0 ? { detail: `Last output:\n${tail.join('\n')}` } : {}),
      remedy: HOOK_REMEDY,
      ...(failure?.location !== undefined ? { location: failure.location } : {}),
      actions:
        failure?.location !== undefined
          ? ['showLog', 'rebuild', 'openConfig']
          : ['showLog', 'rebuild'],
      hook: error.hook,
      exitCode: error.exitCode,
    };
  }
  if (isSshBootstrapError(error)) {
    return {
      kind: 'sshBootstrap',
      ...splitLines(error.message),
      actions: ['showLog', 'rebuild'],
      exitCode: error.exitCode,
    };
  }
  if (isRemoteHostError(error)) {
    return {
      kind: error.side === 'ssh' ? 'ssh' : 'remoteHost',
      message: error.message,
      ...(error.detail !== undefined ? { detail: error.detail } : {}),
      remedy: error.remedy,
      actions: ['showLog'],
    };
  }
  if (isContainerCliError(error)) {
    if (error.kind === 'cancelled') {
      return { kind: 'cancelled', message: error.message, actions: [] };
    }
    // Apple's words stay whole: a generic failure's message is its last lines of stderr.
    return { kind: 'container', message: error.message, actions: ['showLog'] };
  }
  if (isAbort(error)) {
    return { kind: 'cancelled', message: 'Cancelled.', actions: [] };
  }
  const said = error instanceof Error ? error.message.split('\n')[0]?.trim() : undefined;
  return {
    kind: 'internal',
    message: 'Slipway failed unexpectedly.',
    ...(said ? { detail: said } : {}),
    remedy: INTERNAL_REMEDY,
    actions: ['showLog'],
  };
}

/** `file:line:column: message` when it points into a file, as editors and terminals link it. */
export function headline(facing: UserFacingError): string {
  const where = facing.location;
  if (facing.kind !== 'config' || where === undefined) {
    return facing.message;
  }
  const at =
    where.line !== undefined ? `${where.file}:${where.line}:${where.column ?? 1}` : where.file;
  return `${at}: ${facing.message}`;
}

/**
 * Everything on one line, for places that cannot break lines (a notification,
 * a status bar tooltip row): the message, the detail's lines joined, the remedy.
 */
export function oneLine(facing: UserFacingError): string {
  const parts = [headline(facing).replace(/\s*[\r\n]+\s*/g, ' ')];
  if (facing.detail !== undefined) {
    const [first, ...rest] = facing.detail.split('\n').filter((line) => line.trim() !== '');
    // "Last output:" reads as a label for what follows, not as a sentence of its own.
    const body = first?.endsWith(':')
      ? `${first} ${rest.join(' · ')}`
      : [first, ...rest].join(' · ');
    // A dash, so the detail cannot read as the end of a command quoted before it.
    parts.push(`— ${/[.:!?]$/.test(body) ? body : `${body}.`}`);
  }
  if (facing.remedy !== undefined) {
    parts.push(facing.remedy);
  }
  return parts.map((part) => part.trim()).join(' ');
}
