/**
 * Small pieces every command needs: the service check (Apple's CLI pings the
 * API server, or fails in the client call it makes first), raising the
 * grammar's runtime problems, and a few renderers.
 */
import type { Context, Invocation } from '../context';
import { AppleError, serviceDownError, type ErrorCode } from '../errors';
import { COMPACT_SORTED, COMPACT_UNSORTED, encodeJson, type JsonValue } from '../json';
import { serviceRunning } from '../state/service';

/**
 * Fails like Apple's CLI does with the service down. `wrap` names the client
 * call that hit the dead connection first (ContainerClient.list wraps it as
 * "failed to list containers"); without it the error is the bare XPC one.
 */
export function requireService(ctx: Context, wrap?: { code: ErrorCode; message: string }): void {
  if (!serviceRunning(ctx.paths)) {
    throw serviceDownError(wrap);
  }
}

export const LIST_FAILED = { code: 'internalError', message: 'failed to list containers' } as const;

/** Apple's runtime complaint about an option value, as the grammar worded it. */
export function problemError(message: string): AppleError {
  return new AppleError('invalidArgument', message);
}

/** Raises the first grammar problem that `select` picks, if any. */
export function raiseProblem(invocation: Invocation, select: (message: string) => boolean): void {
  const problem = invocation.runtimeProblems.find(select);
  if (problem !== undefined) {
    throw problemError(problem);
  }
}

/** JSON for list-like output: compact; keys sorted from 1.0, in declaration order before. */
export function printListJson(ctx: Context, value: JsonValue): void {
  ctx.print(encodeJson(value, ctx.era.jsonV1 ? COMPACT_SORTED : COMPACT_UNSORTED));
}

/** `--format yaml|toml` exist at Apple; the stand-in renders JSON and table only. */
export function unsupportedFormat(format: string): AppleError {
  return new AppleError('unsupported', `stand-in: --format ${format} is not implemented`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
