import { PS_ARGS, PS_TIMEOUT_MS, type ClientProcesses } from '../ssh/transportRecovery';
import type { SshSession } from './sshSession';

/**
 * The processes of the other Mac, over the session's shared connection: a
 * container window's ProxyCommand runs its `container exec` there, so a
 * stuck one is found and ended there (never any on this machine).
 */
export function remoteProcesses(session: SshSession): ClientProcesses {
  return {
    list: async () => {
      const result = await session.capture(['ps', ...PS_ARGS], { timeoutMs: PS_TIMEOUT_MS });
      return Buffer.from(result.stdout).toString('utf8');
    },
    kill: async (pids) => {
      if (pids.length > 0) {
        // A client already gone makes kill exit 1: that is what was wanted.
        await session.capture(['kill', '-KILL', ...pids.map(String)], {
          timeoutMs: PS_TIMEOUT_MS,
        });
      }
    },
  };
}
