/**
 * Errors a user can cause and fix. They carry the file, line and column when
 * they point into a file, and are recognised by `name` (not `instanceof`) so
 * that they survive bundling.
 */
/** A place in a file (1-based line and column), for "Open devcontainer.json" at the right line. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export class ConfigError extends Error {
  override readonly name = 'SlipwayConfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === 'SlipwayConfigError';
}

/** "file:line:column: message", the form editors and terminals make clickable. */
export function formatConfigError(error: ConfigError): string {
  if (!error.file) {
    return error.message;
  }
  const where =
    error.line !== undefined ? `${error.file}:${error.line}:${error.column ?? 1}` : error.file;
  return `${where}: ${error.message}`;
}
