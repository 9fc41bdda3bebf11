import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { shellArg } from '../../../src/core/ssh/quoting';

/**
 * Scratch space and process helpers for the SSH transport test: the
 * stand-in's state, Slipway's SSH folder and a user's SSH config all live in
 * a folder of this run, never in the real ~/.ssh.
 */

export const ROOT = path.resolve(__dirname, '../../..');
const STANDIN_BIN = path.join(ROOT, 'test', 'standin', 'bin');
const REAL = process.env.SLIPWAY_TEST_REAL_CONTAINER !== undefined;

export const SCRATCH = mkdtempSync(path.join(tmpdir(), 'slipway-ssh-it-'));
/** Spaces, quotes, `$` and `%` in every path Slipway writes into SSH config lines. */
export const ODD = path.join(SCRATCH, `odd "dir" it's $HOME 100%`);
mkdirSync(ODD, { recursive: true });

export function cleanScratch(): void {
  rmSync(SCRATCH, { recursive: true, force: true });
}

/** The environment of every process here (`container`, `ssh` and so its ProxyCommand). */
export function env(): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: REAL ? process.env.PATH : `${STANDIN_BIN}:${process.env.PATH ?? ''}`,
    CONTAINER_STANDIN_STATE: path.join(SCRATCH, 'standin-state'),
  };
  // No agent: only Slipway's key may be offered.
  delete result.SSH_AUTH_SOCK;
  return result;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(
  program: string,
  args: readonly string[],
  options: { input?: string; timeoutMs?: number } = {},
): Run {
  const started = Date.now();
  const result = spawnSync(program, args, {
    env: env(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: Date.now() - started,
  };
}

export function container(args: readonly string[], options: { input?: string } = {}): Run {
  return run('container', args, { ...options, timeoutMs: 300_000 });
}

export function ok(result: Run, what: string): string {
  if (result.status !== 0) {
    throw new Error(`${what} exited ${result.status}: ${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/**
 * The `container` CLI through a wrapper in the odd folder, so the
 * ProxyCommand's path needs every kind of quoting. The wrapper only execs the
 * real one (the stand-in finds its bundle relative to itself).
 */
export function oddContainerPath(): string {
  const real = REAL
    ? run('/bin/sh', ['-c', 'command -v container']).stdout.trim()
    : path.join(STANDIN_BIN, 'container');
  const wrapper = path.join(ODD, 'container');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${shellArg(real)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** A free loopback port on the host. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(),
      );
    });
  });
}

/** Starts `ssh` in the background and resolves once its stdout has shown `marker`. */
export function sshUntil(
  args: readonly string[],
  marker: string,
): Promise<{ stop: () => Promise<Run> }> {
  const started = Date.now();
  const child = spawn('ssh', args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<Run>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`ssh did not print ${marker} in time: ${stderr}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(marker)) {
        clearTimeout(timer);
        resolve({ stop: () => exited });
      }
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      reject(new Error(`ssh exited ${status} before ${marker}: ${stderr}`));
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
