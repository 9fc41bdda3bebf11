import * as path from 'node:path';
import type { ContainerClient } from '../../core/engine/deps';
import { driveRecovery, type RecoveryAction, type Remedy } from '../../core/ssh/recovery';
import { loadExeca } from '../execa';

/** The probe is `true`: anything slower than this is the hang, not the work. */
export const PROBE_TIMEOUT_MS = 10_000;
/** `ps` answers at once; a bound all the same, since nothing here may hang. */
const PS_TIMEOUT_MS = 10_000;

/**
 * `<container> exec … <id> …`, where `<container>` is the program or, for a
 * script run by an interpreter (`node …/container.js`), its first argument.
 */
function isExecClient(words: readonly string[], executable: string, containerId: string): boolean {
  for (const at of [0, 1]) {
    const program = words[at] ?? '';
    const named =
      program === executable || path.basename(program).replace(/\.js$/, '') === 'container';
    if (named && words[at + 1] === 'exec') {
      return words.slice(at + 2).includes(containerId);
    }
  }
  return false;
}

/**
 * The PIDs of `container exec` clients for this container still running on
 * this machine (the ProxyCommand's, or any other stuck one), from `ps`.
 * Matched on the argument words, never on a name alone: `<executable> exec
 * … <id> …`, so no other program or container is touched.
 */
export async function stuckExecClients(executable: string, containerId: string): Promise<number[]> {
  const { execa } = await loadExeca();
  const result = await execa('ps', ['-A', '-o', 'pid=', '-o', 'args='], {
    timeout: PS_TIMEOUT_MS,
    reject: false,
  });
  const own = process.pid;
  return String(result.stdout)
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .flatMap((match) =>
      match ? [{ pid: Number(match[1]), words: (match[2] ?? '').split(/\s+/) }] : [],
    )
    .filter(({ pid, words }) => pid !== own && isExecClient(words, executable, containerId))
    .map(({ pid }) => pid);
}

export interface TransportRecoveryOptions {
  client: ContainerClient;
  /** The `container` executable the clients were started with. */
  executable: string;
  containerId: string;
  report: (message: string) => void;
  probeTimeoutMs?: number;
}

/**
 * Runs the recovery ladder of src/core/ssh/recovery.ts with real effects:
 * a bounded `container exec <id> true`, SIGKILL to stuck clients, and a
 * bounded stop and start of the container.
 */
export function recoverTransport(
  options: TransportRecoveryOptions,
): Promise<Extract<RecoveryAction, { kind: 'done' }>> {
  const { client, executable, containerId, report } = options;
  const remedies: Record<Remedy, () => Promise<void>> = {
    killStuckClients: async () => {
      for (const pid of await stuckExecClients(executable, containerId)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch (error) {
          // Already gone is what we wanted.
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
            throw error;
          }
        }
      }
    },
    restartContainer: async () => {
      await client.stop(containerId);
      await client.start(containerId);
    },
  };
  return driveRecovery(containerId, {
    probe: async () => {
      try {
        const result = await client.execCapture(['exec', containerId, 'true'], {
          timeoutMs: options.probeTimeoutMs ?? PROBE_TIMEOUT_MS,
        });
        return result.exitCode === 0
          ? { ok: true }
          : {
              ok: false,
              reason: `\`container exec ${containerId} true\` exited ${result.exitCode}`,
            };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },
    remedy: (remedy) => remedies[remedy](),
    report,
  });
}
