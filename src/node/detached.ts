import { spawn } from 'node:child_process';

/**
 * Starts `<executable> <args>` (`container`, or Slipway's own command line)
 * so that it outlives this process: a window closing stops its container
 * after the extension host has gone. Arguments as an array, never a shell;
 * output discarded.
 */
export function runDetached(
  executable: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): void {
  const child = spawn(executable, [...args], {
    detached: true,
    stdio: 'ignore',
    ...(env !== undefined ? { env } : {}),
  });
  child.on('error', () => undefined);
  child.unref();
}
