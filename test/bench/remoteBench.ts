/**
 * `npm run bench`, remote part: what `--host` costs. N `container list`
 * calls through Slipway's runner locally, then the same over one
 * multiplexed SSH connection to a loopback sshd playing the other Mac (the
 * stand-in on its PATH), and the bare hop (`true` over the shared
 * connection) that is the whole difference. It reports; it asserts nothing.
 * Over a real network add the round-trip time once per call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createContainerClient } from '../../src/core/client/client';
import { ExecaContainerRunner } from '../../src/node/containerRunner';
import { remoteContainerRunner } from '../../src/node/remote/remoteRunner';
import { SshSession } from '../../src/node/remote/sshSession';
import { startLoopbackSshd, STANDIN_BIN } from '../integration/remote/loopbackSshd';

const CALLS = Number(process.env.SLIPWAY_BENCH_REMOTE_CALLS ?? 20);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(calls: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-remote-bench-'));
  const standinState = path.join(scratch, 'standin-state');
  const sshd = await startLoopbackSshd({ remoteEnv: { CONTAINER_STANDIN_STATE: standinState } });
  const session = new SshSession({
    target: { host: 'bench-mac', label: 'bench-mac' },
    stateDir: path.join(scratch, 'state'),
    configFile: sshd.writeClientConfig({ alias: 'bench-mac' }),
  });
  try {
    const local = createContainerClient(
      new ExecaContainerRunner({
        executable: path.join(STANDIN_BIN, 'container'),
        env: { CONTAINER_STANDIN_STATE: standinState },
      }),
    );
    const remote = createContainerClient(remoteContainerRunner(session));
    const connectStart = performance.now();
    await remote.list();
    const connect = performance.now() - connectStart;
    const localTimes = await timed(CALLS, () => local.list());
    const remoteTimes = await timed(CALLS, () => remote.list());
    const hopTimes = await timed(CALLS, () => session.capture(['true']));
    const rows: [string, number][] = [
      ['connect + facts + first list', connect],
      [`container list, local (median of ${CALLS})`, median(localTimes)],
      [`container list, over SSH (median of ${CALLS})`, median(remoteTimes)],
      [`bare hop: true over the shared connection`, median(hopTimes)],
      ['extra per call (over SSH - local)', median(remoteTimes) - median(localTimes)],
    ];
    const connections = (sshd.log().match(/Connection from /g) ?? []).length;
    console.log(
      `\n--host: the cost of the SSH hop (loopback sshd; ${1 + 3 * CALLS} calls over ${connections} SSH connection(s))`,
    );
    for (const [name, ms] of rows) {
      console.log(`  ${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms`);
    }
  } finally {
    await session.close();
    await sshd.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
