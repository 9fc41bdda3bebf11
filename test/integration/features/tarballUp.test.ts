import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
  buildCli,
  CLI,
  down,
  removeBuiltImages,
  testEnv,
  workspace,
  type SlipwayRun,
} from '../slipway/harness';
import { startFileServer, type FakeServer } from './fakeServers';
import { writeFeatureFolder } from './registry';

/**
 * A Feature referenced by the URL of its `devcontainer-feature-<id>.tgz`,
 * installed end to end by `slipway up` with the stand-in `container`.
 * Tarball URLs in devcontainer.json must be https://, so the file is served
 * over HTTPS on 127.0.0.1 with a self-signed certificate made here, which
 * the CLI trusts through NODE_EXTRA_CA_CERTS. Nothing comes from the internet.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';

/**
 * `slipway` in the background: the file server lives in this process, so the
 * harness's synchronous `slipway` would block it from answering.
 */
function slipwayWith(env: Record<string, string>, args: string[]): Promise<SlipwayRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: testEnv(env), encoding: 'utf8', timeout: 180_000 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
        let json: Record<string, unknown>;
        try {
          json = line === undefined ? {} : (JSON.parse(line) as Record<string, unknown>);
        } catch {
          json = {};
        }
        resolve({ status, stdout, stderr, json });
      },
    );
    child.stdin?.end();
  });
}

describe('slipway up with a tarball Feature (integration)', function () {
  this.timeout(300_000);
  let scratch = '';
  let server: FakeServer | undefined;
  let caFile = '';
  const made: string[] = [];

  before(async () => {
    buildCli();
    scratch = mkdtempSync(path.join(tmpdir(), 'slipway-tarball-up-'));
    const key = path.join(scratch, 'key.pem');
    caFile = path.join(scratch, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        caFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const folder = writeFeatureFolder(scratch, {
      id: 'hello',
      version: '1.0.0',
      options: { greeting: { type: 'string', default: 'hi' } },
    });
    writeFileSync(
      path.join(folder, 'install.sh'),
      '#!/bin/sh\nset -e\necho "greeting=$GREETING" > /hello-greeting\n',
      { mode: 0o755 },
    );
    // Gzipped, with `./` members, as `tar -czf` of the Feature's folder makes it.
    const tgz = execFileSync('tar', ['-C', folder, '-czf', '-', '.']);
    server = await startFileServer(new Map([['/devcontainer-feature-hello.tgz', tgz]]), {
      key: readFileSync(key),
      cert: readFileSync(caFile),
    });
  });

  after(async () => {
    made.forEach(down);
    removeBuiltImages();
    await server?.close();
    if (scratch !== '') {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('downloads, installs with its option, and reuses the image on the next up', async () => {
    const url = `${server!.url}/devcontainer-feature-hello.tgz`;
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\//);
    const folder = workspace('features-tarball-up', {
      '.devcontainer/devcontainer.json': JSON.stringify(
        { image: BUSYBOX, features: { [url]: { greeting: 'ahoy' } } },
        null,
        2,
      ),
    });
    made.push(folder);
    const run = (args: string[]) => slipwayWith({ NODE_EXTRA_CA_CERTS: caFile }, args);

    const first = await run(['up', '--workspace-folder', folder]);
    assert.equal(first.status, 0, `${first.stdout}\n${first.stderr}`);
    const timings = first.json.timings as Record<string, number>;
    assert.equal(typeof timings[`feature:${url}`], 'number', JSON.stringify(timings));
    assert.ok(
      server!.requests.some((request) => request.path === '/devcontainer-feature-hello.tgz'),
      'the tarball was downloaded',
    );
    const exec = await run(['exec', '--workspace-folder', folder, 'cat', '/hello-greeting']);
    assert.equal(exec.status, 0, exec.stderr);
    assert.equal(exec.stdout, 'greeting=ahoy\n');

    const again = await run(['up', '--workspace-folder', folder, '--remove-existing-container']);
    assert.equal(again.status, 0, `${again.stdout}\n${again.stderr}`);
    assert.equal(again.json.action, 'created');
    assert.match(again.stderr, /Reusing localhost\/slipway\/.*-features:/);
    assert.doesNotMatch(again.stderr, /Installing \d+ Features?/);
    const phases = Object.keys(again.json.timings as Record<string, number>);
    assert.ok(!phases.some((phase) => phase.startsWith('feature:')), phases.join(', '));
    // The new container comes from the reused image: the install's file is there.
    const reread = await run(['exec', '--workspace-folder', folder, 'cat', '/hello-greeting']);
    assert.equal(reread.stdout, 'greeting=ahoy\n');
  });
});
