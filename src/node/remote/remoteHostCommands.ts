import type { HostCommandRunner } from '../../core/engine/deps';
import { runStreamed } from '../hostCommands';
import type { SshSession } from './sshSession';

/**
 * `initializeCommand` with `--host`: "the host" is the Mac the containers
 * run on, so it runs there, in the workspace folder (a path on that Mac),
 * over the shared connection. The argv is quoted for the remote shell
 * argument by argument; nothing is pasted into a command string.
 */
export class RemoteHostCommandRunner implements HostCommandRunner {
  constructor(private readonly session: SshSession) {}

  async run(
    argv: string[],
    options: { cwd: string; signal?: AbortSignal; onOutput?: (chunk: string) => void },
  ): Promise<number> {
    if (argv.length === 0) {
      return 0;
    }
    // `cd` first and `exec` the command, so its exit code is the command's own.
    const script = 'cd -- "$1" || exit 1; shift; exec "$@"';
    // No cwd here: the folder is on the other Mac, and the script goes there.
    const result = await runStreamed(
      'ssh',
      this.session.argv(['/bin/sh', '-c', script, 'sh', options.cwd, ...argv]),
      { signal: options.signal, onOutput: options.onOutput },
    );
    const explained = this.session.explain({
      exitCode: result.exitCode,
      stderr: '',
      code: result.code,
    });
    if (explained && result.exitCode !== 255) {
      throw explained;
    }
    return result.exitCode ?? 1;
  }
}
