import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { container, ROOT, SCRATCH, slipway, type SlipwayRun } from '../slipway/harness';
import { createNetns, hostIpJson, type TestNetns } from '../standin/netns';

/**
 * A Compose test run on the stand-in: its own network namespace (so the
 * services really talk, and nothing leaves it), its own stand-in state, and
 * a `container` on PATH that counts the calls Slipway makes.
 */

export const BUSYBOX = 'docker.io/library/busybox:latest';
export const DEBIAN = 'docker.io/library/debian:bookworm';

export interface ComposeRun {
  netns: TestNetns;
  env: Record<string, string>;
  /** The run's `container` (first on `env`'s PATH): notes each call, then is the stand-in. */
  containerPath: string;
  up(folder: string, extra?: string[]): SlipwayRun;
  run(args: string[], folder: string): SlipwayRun;
  container(args: string[]): { status: number | null; stdout: string; stderr: string };
  /** `container` calls since the last `resetCalls`. */
  calls(): string[];
  resetCalls(): void;
  assertContained(): void;
  cleanUp(): void;
}

export function composeRun(name: string): ComposeRun {
  const netns = createNetns('sw-co');
  const dir = path.join(SCRATCH, `compose-${name}`);
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'calls.log');
  mkdirSync(bin, { recursive: true });
  // A `container` that notes its verb, then is the stand-in.
  const containerPath = path.join(bin, 'container');
  writeFileSync(
    containerPath,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${path.join(ROOT, 'test', 'standin', 'bin', 'container')}' "$@"\n`,
  );
  chmodSync(containerPath, 0o755);
  writeFileSync(log, '');
  const env = {
    CONTAINER_STANDIN_NETNS: netns.name,
    CONTAINER_STANDIN_STATE: path.join(dir, 'standin-state'),
    SLIPWAY_STATE_DIR: path.join(dir, 'slipway-state'),
    PATH: `${bin}:${process.env.PATH ?? ''}`,
  };
  const hostNetworksBefore = podmanHostNetworks();
  return {
    netns,
    env,
    containerPath,
    up: (folder, extra = []) => slipway(['up', '--workspace-folder', folder, ...extra], { env }),
    run: (args, folder) => slipway([...args, '--workspace-folder', folder], { env }),
    container: (args) => container(args, env),
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
    resetCalls: () => writeFileSync(log, ''),
    assertContained: () => {
      // As the stand-in's own netns test: the bridges live only in the namespace, no route out.
      const bridges = netns
        .json<Array<{ ifname: string; address?: string; link_type: string }>>(['link'])
        .filter((link) => link.link_type !== 'loopback');
      assert.ok(bridges.length > 0, 'the namespace holds the bridges');
      const hostAddresses = new Set(
        hostIpJson<Array<{ address?: string }>>(['link']).map((l) => l.address),
      );
      for (const link of bridges) {
        assert.ok(!hostAddresses.has(link.address), `${link.ifname} shows up on the host`);
      }
      for (const route of netns.json<Array<{ dst: string }>>(['route'])) {
        assert.match(route.dst, /^192\.168\.\d+\.0\/24$/, `unexpected route ${route.dst}`);
      }
      assert.deepEqual(podmanHostNetworks(), hostNetworksBefore);
    },
    cleanUp: () => {
      container(['delete', '--all', '--force'], env);
      container(['network', 'delete', '--all'], env);
      container(['volume', 'delete', '--all'], env);
      netns.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function podmanHostNetworks(): string[] {
  const result = spawnSync('podman', ['network', 'ls', '--format', '{{.Name}}'], {
    encoding: 'utf8',
  });
  return result.stdout.split('\n').filter((name) => name !== '');
}

/** A TCP responder: answers `ok` to every connection, as long as it runs. */
export const RESPONDER = `["nc", "-ll", "-p", "5432", "-e", "echo", "ok"]`;
export const RESPONDER_HEALTH = `
    healthcheck:
      test: ["CMD-SHELL", "echo | nc -w 1 127.0.0.1 5432 | grep -q ok"]
      interval: 1s
      retries: 10`;
