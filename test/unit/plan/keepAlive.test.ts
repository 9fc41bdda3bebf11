import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'mocha';
import { keepAliveScript, KEEP_ALIVE_SHELL } from '../../../src/core/plan/keepAlive';

describe('the keep-alive entrypoint', () => {
  it('idles, then exits 0 at once on SIGTERM (as container stop sends)', async () => {
    // The same argv shape as `--entrypoint /bin/sh <image> -c <script> -`.
    const child = spawn(KEEP_ALIVE_SHELL, ['-c', keepAliveScript(['echo entrypoint ran']), '-'], {
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(child.exitCode, null, 'still running');
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 2000, 'stopped without waiting for a kill timeout');
    assert.equal(output, 'Container started\nentrypoint ran\n');
    // Its idle `sleep` outlives it here, as it would not in a container
    // (the VM ends with its main process): end the whole group.
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    child.stdout.destroy();
  });
});
