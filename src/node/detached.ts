import { spawn } from 'node:child_process';

/**
 * Starts `container <args>` that outlives this process: a window closing
 * stops its container after the extension host has gone. Arguments as an
 * array, never a shell; output discarded.
 */
export function runDetached(executable: string, args: readonly string[]): void {
  const child = spawn(executable, [...args], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
