import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * A network namespace owned by one test run, for the stand-in's real
 * networking (CONTAINER_STANDIN_NETNS): loopback up, nothing else. The
 * stand-in's podman bridges live only in it, and it has no route out.
 */

function ip(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ipOk(args: readonly string[]): string {
  const result = ip(args);
  if (result.status !== 0) {
    throw new Error(`ip ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

export interface TestNetns {
  readonly name: string;
  /** `ip -j` output inside the namespace, parsed. */
  readonly json: <T>(args: readonly string[]) => T;
  readonly remove: () => void;
}

/** Creates a uniquely named netns with only `lo`, up. */
export function createNetns(prefix = 'sw-it'): TestNetns {
  const name = `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
  ipOk(['netns', 'add', name]);
  try {
    ipOk(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    ip(['netns', 'delete', name]);
    throw error;
  }
  return {
    name,
    json: <T>(args: readonly string[]) =>
      JSON.parse(ipOk(['-n', name, '-j', ...args]) || '[]') as T,
    // Deleting the namespace takes its bridges and veths with it.
    remove: () => {
      ip(['netns', 'delete', name]);
    },
  };
}

/** The host's own `ip -j` output (the namespace this test process runs in). */
export function hostIpJson<T>(args: readonly string[]): T {
  return JSON.parse(ipOk(['-j', ...args]) || '[]') as T;
}
