import { loadExeca } from './execa';
import type { HostCommandRunner } from '../core/engine/deps';

/**
 * Runs `initializeCommand` on the host. The argv comes from the lifecycle
 * runner: a config string arrives as `/bin/sh -c <string>` (the spec's own
 * rule for string commands), an array as it is. Output is streamed to the
 * caller; the exit code is returned.
 */
export class ExecaHostCommandRunner implements HostCommandRunner {
  async run(
    argv: string[],
    options: { cwd: string; signal?: AbortSignal; onOutput?: (chunk: string) => void },
  ): Promise<number> {
    const [file, ...args] = argv;
    if (file === undefined) {
      return 0;
    }
    const result = await runStreamed(file, args, options);
    if (result.failed && result.exitCode === undefined) {
      // Could not start it at all (ENOENT and the like).
      options.onOutput?.(`${result.shortMessage ?? result.message}\n`);
      return 127;
    }
    return result.exitCode ?? 1;
  }
}

/**
 * Runs a host command with no input, its stdout and stderr streamed to
 * `onOutput` as they come (interleaved, as a terminal shows them) and not
 * kept. A cancel throws the signal's reason; any other end is the result,
 * for the caller to read its own way (this host's exit, or ssh's).
 */
export async function runStreamed(
  file: string,
  args: readonly string[],
  options: { cwd?: string; signal?: AbortSignal; onOutput?: (chunk: string) => void },
) {
  const { execa } = await loadExeca();
  const child = execa(file, args, {
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    cancelSignal: options.signal,
    reject: false,
    stdin: 'ignore',
    all: true,
    buffer: false,
  });
  child.all?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString('utf8')));
  const result = await child;
  if (result.isCanceled) {
    throw options.signal?.reason ?? new Error('Cancelled');
  }
  return result;
}
