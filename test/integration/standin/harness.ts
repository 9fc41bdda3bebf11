import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Runs the `container` stand-in (test/standin/bin first on PATH) with its own
 * state folder for this test run, and collects what it prints.
 */

export const ROOT = path.resolve(__dirname, '../../..');
const STANDIN_BIN = path.join(ROOT, 'test', 'standin', 'bin');

/** This run's scratch space; the stand-in's state lives in it. */
export const SCRATCH = mkdtempSync(path.join(tmpdir(), 'standin-it-'));
export const STATE = path.join(SCRATCH, 'state');
process.on('exit', () => rmSync(SCRATCH, { recursive: true, force: true }));

export const BUSYBOX = 'docker.io/library/busybox:latest';
/** A keep-alive that stops at once on SIGTERM, as dev containers' do. */
export const KEEP_ALIVE = [
  'sh',
  '-c',
  'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done',
];

export interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function container(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Result {
  const result = spawnSync('container', args, {
    env: {
      ...process.env,
      PATH: `${STANDIN_BIN}:${process.env.PATH ?? ''}`,
      CONTAINER_STANDIN_STATE: STATE,
      ...options.env,
    },
    cwd: options.cwd ?? SCRATCH,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs and insists on exit 0, reporting stderr otherwise. */
export function ok(args: readonly string[], options: Parameters<typeof container>[1] = {}): string {
  const result = container(args, options);
  if (result.status !== 0) {
    throw new Error(`container ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

/** Starts a detached busybox container that idles until stopped. */
export function runIdle(name: string, extra: readonly string[] = []): void {
  ok(['run', '-d', '--name', name, ...extra, BUSYBOX, ...KEEP_ALIVE]);
}

/** Removes everything this run created, whatever its state. */
export function cleanUp(env: Record<string, string> = {}): void {
  container(['delete', '--all', '--force'], { env });
}

/** Every object in a parsed JSON value has its keys in sorted (UTF-8) order. */
export function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.every(keysSorted);
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return (
      keys.every((key, i) => key === sorted[i]) &&
      Object.values(value as Record<string, unknown>).every(keysSorted)
    );
  }
  return true;
}

/** Every `/` in the raw JSON text is escaped as `\/`, as Foundation writes it before 1.4.1. */
export function slashesEscaped(raw: string): boolean {
  return !raw.replace(/\\\//g, '').includes('/');
}

/** No `/` escaped, as 1.4.1+ writes JSON (#2205), and there is one to see. */
export function slashesPlain(raw: string): boolean {
  return raw.includes('/') && !raw.includes('\\/');
}

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
export function waitFor(check: () => boolean, ms = 10_000): boolean {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      return false;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return true;
}

/** Removes named volumes this run made (their podman volumes go with them). */
export function removeVolumes(names: readonly string[]): void {
  container(['volume', 'delete', ...names]);
}
