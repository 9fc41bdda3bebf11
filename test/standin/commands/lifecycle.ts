/**
 * `start`, `stop`, `kill` and `delete`/`rm`, with Apple's outputs (each ID on
 * its own line as it is done) and errors (per-container failures collected
 * and printed in the `code: "message"` form, one per line).
 */
import { existsSync } from 'node:fs';
import type { Command, Context, Invocation } from '../context';
import {
  killContainer,
  startAttached,
  startDetached,
  stopContainer,
} from '../containers/lifecycle';
import { destroy, findSnapshot, loadSnapshots } from '../containers/runtime';
import { aggregate, aggregateServiceDown, AppleError, ExitCode, serviceDownError } from '../errors';
import type { Snapshot } from '../model/types';
import { serviceRunning } from '../state/service';
import { LIST_FAILED, problemError, requireService } from './common';

function notFoundOnServer(id: string): AppleError {
  return new AppleError('notFound', `container with ID ${id} not found`);
}

function wrapped(what: string, inner: AppleError): AppleError {
  return new AppleError('internalError', `failed to ${what} container`, inner);
}

/** The validate() checks of stop/kill/delete: plain errors, exit 1. */
function raiseValidation(invocation: Invocation): void {
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
}

/**
 * With IDs, the service being down shows up in each per-container call
 * (`failed to stop container` ...); with --all, in the list call first.
 */
function requireServiceFor(ctx: Context, ids: readonly string[], what: string): void {
  if (serviceRunning(ctx.paths)) {
    return;
  }
  if (ids.length === 0) {
    throw serviceDownError(LIST_FAILED);
  }
  const xpc = new AppleError('interrupted', 'XPC connection error: Connection invalid');
  throw aggregateServiceDown(ids.map(() => wrapped(what, xpc)));
}

export const start: Command = async (ctx, invocation) => {
  requireService(ctx, LIST_FAILED);
  const id = invocation.positionals[0] ?? '';
  const snapshot = await findSnapshot(ctx, id);
  if (!snapshot) {
    throw new AppleError('notFound', `get failed: container ${id} not found`);
  }
  const attach = invocation.options.has('--attach');
  const interactive = invocation.options.has('--interactive');
  if (snapshot.state === 'running') {
    if (attach || interactive) {
      throw new AppleError(
        'invalidArgument',
        'attach is currently unsupported on already running containers',
      );
    }
    ctx.print(id);
    return 0;
  }
  for (const mount of snapshot.record.configuration.mounts) {
    if ('virtiofs' in mount.type && !existsSync(mount.source)) {
      throw new AppleError('invalidState', `mount source path '${mount.source}' does not exist`);
    }
  }
  if (!attach && !interactive) {
    await startDetached(ctx, snapshot.record);
    ctx.print(id);
    return 0;
  }
  throw new ExitCode(await startAttached(ctx, snapshot.record, interactive));
};

/** Runs `work` for every target at once (Apple uses a task group), collecting failures. */
async function forEachConcurrently(
  ids: readonly string[],
  work: (id: string) => Promise<void>,
): Promise<AppleError[]> {
  const errors: AppleError[] = [];
  await Promise.all(
    ids.map(async (id) => {
      try {
        await work(id);
      } catch (error) {
        if (!(error instanceof AppleError)) {
          throw error;
        }
        errors.push(error);
      }
    }),
  );
  return errors;
}

function byId(snapshots: readonly Snapshot[]): Map<string, Snapshot> {
  return new Map(snapshots.map((s) => [s.record.configuration.id, s]));
}

export const stop: Command = async (ctx, invocation) => {
  raiseValidation(invocation);
  const all = invocation.options.has('--all');
  requireServiceFor(ctx, all ? [] : invocation.positionals, 'stop');
  const seconds = Number(invocation.options.last('--time') ?? '5');
  const signal = invocation.options.last('--signal');
  const snapshots = byId(await loadSnapshots(ctx));
  const ids = all ? [...snapshots.keys()] : invocation.positionals;
  const errors = await forEachConcurrently(ids, async (id) => {
    const snapshot = snapshots.get(id);
    if (!snapshot) {
      // Before 0.11, stop skipped IDs it didn't know.
      if (ctx.era.perIdStopDelete) {
        throw wrapped('stop', notFoundOnServer(id));
      }
      return;
    }
    await stopContainer(ctx, snapshot.record, seconds, signal);
    ctx.print(id);
  });
  if (errors.length > 0) {
    throw aggregate(errors);
  }
  return 0;
};

export const kill: Command = async (ctx, invocation) => {
  raiseValidation(invocation);
  const all = invocation.options.has('--all');
  requireServiceFor(ctx, all ? [] : invocation.positionals, 'kill');
  const signal = invocation.options.last('--signal') ?? 'KILL';
  const snapshots = await loadSnapshots(ctx);
  const index = byId(snapshots);
  const ids = all
    ? snapshots.filter((s) => s.state === 'running').map((s) => s.record.configuration.id)
    : invocation.positionals;
  const errors: AppleError[] = [];
  for (const id of ids) {
    const snapshot = index.get(id);
    try {
      if (!snapshot) {
        throw wrapped('kill', notFoundOnServer(id));
      }
      if (snapshot.state !== 'running') {
        throw wrapped('kill', new AppleError('invalidState', `container ${id} is not running`));
      }
      await killContainer(snapshot.record, signal);
      ctx.print(id);
    } catch (error) {
      if (!(error instanceof AppleError)) {
        throw error;
      }
      errors.push(error);
    }
  }
  if (errors.length > 0) {
    throw aggregate(errors);
  }
  return 0;
};

function deleteRefusal(id: string, state: string): AppleError {
  return wrapped(
    'delete',
    new AppleError('invalidState', `container ${id} is ${state} and can not be deleted`),
  );
}

/** Before 0.11: unknown IDs fail up front, running ones are collected into one error. */
async function deleteBefore011(
  ctx: Context,
  ids: readonly string[],
  all: boolean,
  force: boolean,
  snapshots: Map<string, Snapshot>,
): Promise<number> {
  const missing = ids.filter((id) => !snapshots.has(id));
  if (!all && missing.length > 0) {
    const list = missing.map((id) => `"${id}"`).join(', ');
    throw new AppleError('notFound', `failed to delete one or more containers: [${list}]`);
  }
  const targets = all ? [...snapshots.keys()] : ids;
  const failed: string[] = [];
  for (const id of targets) {
    const snapshot = snapshots.get(id);
    if (!snapshot) {
      continue;
    }
    if (snapshot.state === 'running' && !force) {
      if (!all) {
        failed.push(id);
      }
      continue;
    }
    await destroy(ctx, snapshot.record);
    ctx.print(id);
  }
  if (failed.length > 0) {
    const list = failed.map((id) => `"${id}"`).join(', ');
    throw new AppleError('internalError', `delete failed for one or more containers: [${list}]`);
  }
  return 0;
}

export const remove: Command = async (ctx, invocation) => {
  raiseValidation(invocation);
  const all = invocation.options.has('--all');
  const force = invocation.options.has('--force');
  const ids = [...new Set(invocation.positionals)];
  requireServiceFor(ctx, all ? [] : ids, 'delete');
  const snapshots = byId(await loadSnapshots(ctx));
  if (!ctx.era.perIdStopDelete) {
    return deleteBefore011(ctx, ids, all, force, snapshots);
  }
  const targets = all
    ? [...snapshots.values()]
        .filter((s) => force || s.state !== 'running')
        .map((s) => s.record.configuration.id)
    : ids;
  const errors = await forEachConcurrently(targets, async (id) => {
    const snapshot = snapshots.get(id);
    if (!snapshot) {
      throw wrapped('delete', notFoundOnServer(id));
    }
    if (snapshot.state === 'stopping' || (snapshot.state === 'running' && !force)) {
      throw deleteRefusal(id, snapshot.state);
    }
    await destroy(ctx, snapshot.record);
    ctx.print(id);
  });
  if (errors.length > 0) {
    throw aggregate(errors);
  }
  return 0;
};
