import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadExeca } from '../execa';
import { FACTS_SCRIPT, parseFacts, type RemoteFacts } from '../../core/remote/facts';
import type { SshTarget } from '../../core/remote/hostUrl';
import {
  classifySshFailure,
  remoteContainerMissingError,
  sshMissingError,
} from '../../core/remote/remoteErrors';
import {
  CONTROL_PERSIST_SECONDS,
  sshArgs,
  sshExitArgs,
  type SshCommandOptions,
} from '../../core/remote/sshCommand';

/**
 * One remote Mac reached with the system `ssh`: every call (container,
 * files, facts) shares one multiplexed connection. The first call opens it
 * and finds out what the Mac has; ssh's own failures (exit 255) become a
 * RemoteHostError saying which part of the connection failed.
 */

export interface SshSessionOptions {
  target: SshTarget;
  /** Slipway's state folder: the connection's socket lives under it. */
  stateDir: string;
  /** `SLIPWAY_SSH_CONFIG`: an ssh_config instead of ~/.ssh/config. */
  configFile?: string;
  /** `SLIPWAY_CONTAINER`: where `container` is on the remote Mac. */
  containerPath?: string;
}

export interface CaptureResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: string;
}

/** A Unix socket path must fit in 104 bytes on macOS; `%C` expands to 40. */
const SOCKET_PATH_LIMIT = 100;

function controlDirectory(stateDir: string): string {
  const preferred = path.join(stateDir, 'cm');
  const dir =
    preferred.length + 41 <= SOCKET_PATH_LIMIT
      ? preferred
      : path.join(tmpdir(), `slipway-cm-${process.getuid?.() ?? 'user'}`);
  // 0700: whoever can reach the socket can run commands on the remote Mac as you.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export class SshSession {
  readonly label: string;
  private readonly options: Omit<SshCommandOptions, 'tty'>;
  private facts: Promise<RemoteFacts> | undefined;

  constructor(private readonly settings: SshSessionOptions) {
    this.label = settings.target.label;
    this.options = {
      controlDir: controlDirectory(settings.stateDir),
      controlPersistSeconds: CONTROL_PERSIST_SECONDS,
      ...(settings.configFile !== undefined ? { configFile: settings.configFile } : {}),
    };
  }

  /** The ssh argv that runs `remoteArgv` on the Mac. */
  argv(remoteArgv: readonly string[], tty = false): string[] {
    return sshArgs(this.settings.target, remoteArgv, { ...this.options, tty });
  }

  /** Runs a command on the Mac, output captured (bounded by `maxBytes`); ssh's own failures throw. */
  async capture(
    remoteArgv: readonly string[],
    options: { signal?: AbortSignal; maxBytes?: number; timeoutMs?: number } = {},
  ): Promise<CaptureResult> {
    const { execa } = await loadExeca();
    const result = await execa('ssh', this.argv(remoteArgv), {
      stdin: 'ignore',
      encoding: 'buffer',
      reject: false,
      cancelSignal: options.signal,
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      maxBuffer: options.maxBytes ?? 10 * 1024 * 1024,
    });
    const stderr = Buffer.from(result.stderr).toString('utf8');
    if (result.isCanceled) {
      throw options.signal?.reason ?? new Error('Cancelled');
    }
    if (result.timedOut) {
      throw classifySshFailure(this.label, `${stderr}\nssh: connection timed out`);
    }
    if (result.isMaxBuffer) {
      // The caller's cap was reached: what fits comes back, and the caller reports the size.
      return { exitCode: 0, stdout: result.stdout, stderr };
    }
    const explained = this.explain({ exitCode: result.exitCode, stderr, code: result.code });
    if (explained) {
      throw explained;
    }
    if (result.exitCode === undefined) {
      throw new Error(`ssh to ${this.label} ended without an exit code: ${result.shortMessage}`);
    }
    return { exitCode: result.exitCode, stdout: result.stdout, stderr };
  }

  /** ssh could not start, or failed itself (255): which part of the connection, and the fix. */
  explain(failure: { exitCode?: number; stderr: string; code?: string }): Error | undefined {
    if (failure.code === 'ENOENT') {
      return sshMissingError();
    }
    if (failure.exitCode === 255) {
      return classifySshFailure(this.label, failure.stderr);
    }
    return undefined;
  }

  /** What the Mac has; the first call also opens the shared connection. */
  remoteFacts(signal?: AbortSignal): Promise<RemoteFacts> {
    this.facts ??= this.capture(
      ['/bin/sh', '-c', FACTS_SCRIPT, 'sh', this.settings.containerPath ?? ''],
      { signal, timeoutMs: 60_000 },
    ).then((result) => parseFacts(Buffer.from(result.stdout).toString('utf8')));
    // A failed connection is not remembered: the next command tries again.
    this.facts.catch(() => (this.facts = undefined));
    return this.facts;
  }

  /** Where `container` is on the Mac; a clear error when it is not there. */
  async containerPath(signal?: AbortSignal): Promise<string> {
    const facts = await this.remoteFacts(signal);
    if (facts.containerPath === undefined) {
      throw remoteContainerMissingError(this.label, this.settings.containerPath);
    }
    return facts.containerPath;
  }

  /** Ends the shared connection now (tests and benchmarks; the CLI lets ControlPersist do it). */
  async close(): Promise<void> {
    const { execa } = await loadExeca();
    await execa('ssh', sshExitArgs(this.settings.target, { ...this.options, tty: false }), {
      reject: false,
      stdin: 'ignore',
    });
  }
}
