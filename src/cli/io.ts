import type { SshSession } from '../node/remote/sshSession';

/** What a command may touch of its process: output streams, folder, environment. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdin and stdout are terminals (for `exec -t`). */
  isTty?: boolean;
  /** Aborted when the user interrupts (Ctrl-C) or the process is asked to stop. */
  signal?: AbortSignal;
  /** `--host`: the other Mac, over one shared SSH connection. */
  remote?: SshSession;
}

/** One JSON value on stdout, on its own line. */
export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}
