/**
 * The errors the stand-in raises, shaped like the ones Apple's CLI prints.
 *
 * Apple's runtime errors are `ContainerizationError(code, message, cause)`.
 * Two renderings matter (reference §5, containerization's ContainerizationError):
 * - `description`: `code: "message"` plus ` (cause: "<cause description>")`. This is
 *   what nested causes and the multi-container commands (stop, kill, delete) print.
 * - `errorDescription` (0.10+ top level): `message` plus the same cause suffix.
 * Before 0.10 the top level printed `description` too.
 */

export type ErrorCode =
  | 'unknown'
  | 'invalidArgument'
  | 'internalError'
  | 'exists'
  | 'notFound'
  | 'cancelled'
  | 'invalidState'
  | 'empty'
  | 'timeout'
  | 'unsupported'
  | 'interrupted';

export class AppleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly inner?: AppleError,
  ) {
    super(message);
  }

  /** `code: "message" (cause: "...")`, Swift's String(describing:). */
  describe(): string {
    const own = `${this.code}: "${this.message}"`;
    return this.inner ? `${own} (cause: "${this.inner.describe()}")` : own;
  }

  /** What 0.10+ prints after `Error: `. */
  localized(): string {
    return this.inner ? `${this.message} (cause: "${this.inner.describe()}")` : this.message;
  }
}

/** Already-rendered text after `Error: `, such as an AggregateError's lines. */
export class RawError extends Error {}

/**
 * A parse or validation error: swift-argument-parser prints it with the
 * command's usage and exits 64.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: readonly string[],
  ) {
    super(message);
  }
}

/** Leave with this exit code and print nothing more (the process's own code, `system status`). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const XPC_DOWN = new AppleError('interrupted', 'XPC connection error: Connection invalid');
const ENSURE_STARTED =
  'Ensure container system service has been started with `container system start`.';

/**
 * The service is down. `wrap` is the client call that failed, e.g. ContainerClient.list
 * wraps it as `internalError: "failed to list containers"`. Application.main then
 * re-throws it as `interrupted` with the "Ensure ..." line appended.
 */
export function serviceDownError(wrap?: { code: ErrorCode; message: string }): AppleError {
  const inner = wrap ? new AppleError(wrap.code, wrap.message, XPC_DOWN) : XPC_DOWN;
  return new AppleError('interrupted', `${inner.describe()}\n${ENSURE_STARTED}`);
}

/** Several per-container failures collected by stop/kill/delete (AggregateError). */
export function aggregate(errors: readonly AppleError[]): RawError {
  return new RawError(errors.map((e) => e.describe()).join('\n'));
}

/** Aggregate whose text mentions the XPC failure: Application.main wraps it like any other. */
export function aggregateServiceDown(errors: readonly AppleError[]): AppleError {
  return new AppleError(
    'interrupted',
    `${errors.map((e) => e.describe()).join('\n')}\n${ENSURE_STARTED}`,
  );
}

export function renderError(error: AppleError | RawError, plainErrors: boolean): string {
  if (error instanceof AppleError) {
    return `Error: ${plainErrors ? error.localized() : error.describe()}`;
  }
  return `Error: ${error.message}`;
}
