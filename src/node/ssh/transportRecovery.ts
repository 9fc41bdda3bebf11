import * as path from 'node:path';
import type { ContainerClient } from '../../core/engine/deps';
import { driveRecovery, type RecoveryAction, type Remedy } from '../../core/ssh/recovery';
import { loadExeca } from '../execa';

/** The probe is `true`: anything slower than this is the hang, not the work. */
export const PROBE_TIMEOUT_MS = 10_000;
/** `ps` answers at once; a bound all the same, since nothing here may hang. */
export const PS_TIMEOUT_MS = 10_000;

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
 * Where the `container exec` clients run: this machine, or (a container on
 * another Mac) that Mac, where the window's ProxyCommand runs its `exec`.
 */
export interface ClientProcesses {
  /** `ps -A -o pid= -o args=`: one process a line. */
  list(): Promise<string>;
  kill(pids: readonly number[]): Promise<void>;
  /** A PID never to kill: this process, on this machine. */
  own?: number;
}

export const localProcesses: ClientProcesses = {
  list: async () => {
    const { execa } = await loadExeca();
    const result = await execa('ps', PS_ARGS, { timeout: PS_TIMEOUT_MS, reject: false });
    return String(result.stdout);
  },
  kill: async (pids) => {
    for (const pid of pids) {
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
  own: process.pid,
};

export const PS_ARGS: readonly string[] = ['-A', '-o', 'pid=', '-o', 'args='];

/**
 * The PIDs of `container exec` clients for this container still running on
 * this machine (the ProxyCommand's, or any other stuck one), from `ps`.
 * Matched on the argument words, never on a name alone: `<executable> exec
 * … <id> …`, so no other program or container is touched.
 */
export async function stuckExecClients(
  executable: string,
  containerId: string,
  processes: ClientProcesses = localProcesses,
): Promise<number[]> {
  return (await processes.list())
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .flatMap((match) =>
      match ? [{ pid: Number(match[1]), words: (match[2] ?? '').split(/\s+/) }] : [],
    )
    .filter(
      ({ pid, words }) => pid !== processes.own && isExecClient(words, executable, containerId),
    )
    .map(({ pid }) => pid);
}

export interface TransportRecoveryOptions {
  client: ContainerClient;
  /** The `container` executable the clients were started with. */
  executable: string;
  containerId: string;
  report: (message: string) => void;
  probeTimeoutMs?: number;
  /** Where the clients run; this machine when not given. */
  processes?: ClientProcesses;
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
      const processes = options.processes ?? localProcesses;
      await processes.kill(await stuckExecClients(executable, containerId, processes));
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
