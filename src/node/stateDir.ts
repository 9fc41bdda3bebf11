import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * Where Slipway keeps its own state on the host (locks, what it knows about
 * containers). `SLIPWAY_STATE_DIR` moves it, for tests and for people who
 * keep their home folder tidy.
 */
export function slipwayStateDir(env: Record<string, string | undefined> = process.env): string {
  return env.SLIPWAY_STATE_DIR || path.join(homedir(), '.slipway');
}
