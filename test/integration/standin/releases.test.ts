import assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import { parseSystemStatus } from '../../../src/core/client/systemCommands';
import * as path from 'node:path';
import { cleanUp, container, ok, SCRATCH } from './harness';

const STATUS = ['system', 'status', '--format', 'json'];

/** Reference §1 and §4.5: the shapes 1.3.1, 1.4.1 and 1.5.0 print, and client/server skew. */
describe('stand-in: releases 1.3–1.5 and skew (integration)', function () {
  this.timeout(60_000);
  after(() => cleanUp());

  it('prints the flat status before 1.4.1 and the nested one from 1.4.1', () => {
    const flat = JSON.parse(ok(STATUS, { env: { CONTAINER_STANDIN_VERSION: '1.3.1' } })) as Record<
      string,
      unknown
    >;
    assert.equal(flat.status, 'running');
    assert.match(String(flat.apiServerVersion), /^container-apiserver version 1\.3\.1 /);
    for (const version of ['1.4.1', '1.5.0']) {
      const raw = ok(STATUS, { env: { CONTAINER_STANDIN_VERSION: version } });
      const nested = JSON.parse(raw) as Record<string, Record<string, unknown>>;
      assert.deepEqual(Object.keys(nested), [
        'client',
        'host',
        'paths',
        'resources',
        'server',
        'status',
      ]);
      assert.equal(nested.server?.version, version);
      assert.equal(nested.client?.version, version);
      assert.deepEqual(parseSystemStatus(STATUS, raw), {
        running: true,
        status: 'running',
        version,
        clientVersion: version,
      });
    }
  });

  it('plays an old server behind a new client until the service restarts', () => {
    // A state folder of its own: skew lasts only until a `system start` in it.
    const env = {
      CONTAINER_STANDIN_SERVER_VERSION: '1.2.2',
      CONTAINER_STANDIN_STATE: path.join(SCRATCH, 'skew-state'),
    };
    const raw = ok(STATUS, { env });
    const nested = JSON.parse(raw) as { server: { version: string }; client: { version: string } };
    assert.equal(
      nested.server.version,
      'container-apiserver version 1.2.2 (build: release, commit: 0190097)',
    );
    assert.equal(nested.client.version, '1.5.0');
    assert.deepEqual(parseSystemStatus(STATUS, raw), {
      running: true,
      status: 'running',
      version: '1.2.2',
      clientVersion: '1.5.0',
    });
    assert.match(ok(['system', 'version'], { env }), /container-apiserver version 1\.2\.2 /);
    ok(['system', 'stop'], { env });
    ok(['system', 'start'], { env });
    const restarted = JSON.parse(ok(STATUS, { env })) as { server: { version: string } };
    assert.equal(restarted.server.version, '1.5.0');
  });

  it('refuses `--scheme auto` from 1.3.0 on, and `k8s start` on 1.5.0', () => {
    const auto = container(['image', 'pull', '--scheme', 'auto', 'busybox']);
    assert.equal(auto.status, 1);
    assert.match(auto.stderr, /unsupported scheme auto/);
    const k8s = container(['k8s', 'start']);
    assert.equal(k8s.status, 64);
    assert.match(k8s.stderr, /start/);
  });
});
