import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ContainerInfo } from '../../../../src/core/client/types';
import type { ComposePlan } from '../../../../src/core/compose/types';
import { bridgeablePorts } from '../../../../src/core/compose/listening';
import { filledBlock, hostsSignature } from '../../../../src/core/engine/compose/hostsSync';
import {
  projectContainers,
  renamedServices,
  reverseStartOrder,
} from '../../../../src/core/engine/compose/projectContainers';
import { parseResources } from '../../../../src/core/engine/compose/resources';
import type { EngineDeps } from '../../../../src/core/engine/deps';
import { imageFactsOf } from '../../../../src/core/engine/imageMetadata';

function info(id: string, extra: Partial<ContainerInfo> = {}): ContainerInfo {
  return {
    id,
    state: 'running',
    image: 'busybox',
    rosetta: false,
    labels: {},
    publishedPorts: [],
    environment: [],
    ...extra,
  };
}

describe('Compose engine pieces', () => {
  it('fills the hosts block with current addresses, leaving out peers that are not running', () => {
    const running = new Map([
      ['p-db-1', info('p-db-1', { ipAddress: '192.168.64.7', gateway: '192.168.64.1' })],
      ['p-app-1', info('p-app-1', { ipAddress: '192.168.64.8', gateway: '192.168.64.1' })],
    ]);
    const block = filledBlock(
      [
        '{{ip:p-db-1}} db p-db-1 # slipway-compose',
        '{{ip:p-cache-1}} cache p-cache-1 # slipway-compose',
        '{{gateway}} host.docker.internal # slipway-compose',
      ],
      running,
      running.get('p-app-1')!,
    );
    assert.equal(
      block,
      '192.168.64.7 db p-db-1 # slipway-compose\n192.168.64.1 host.docker.internal # slipway-compose',
    );
  });

  it('the hosts signature changes with a restart even at the same address', () => {
    const compose = { hosts: { 'p-db-1': [] } } as unknown as ComposePlan;
    const before = hostsSignature(
      compose,
      new Map([['p-db-1', info('p-db-1', { ipAddress: '10.0.0.2', startedDate: 'a' })]]),
    );
    const after = hostsSignature(
      compose,
      new Map([['p-db-1', info('p-db-1', { ipAddress: '10.0.0.2', startedDate: 'b' })]]),
    );
    assert.notEqual(before, after);
  });

  it('finds the services whose containers carry other names than the plan (a DNS domain registered since)', () => {
    const compose = {
      services: [
        { name: 'app', containerName: 'app.p.test' },
        { name: 'db', containerName: 'db.p.test' },
        { name: 'cache', containerName: 'cache.p.test' },
      ],
    } as unknown as ComposePlan;
    const found = new Map([
      ['app', info('p-app-1')],
      ['db', info('db.p.test')],
    ]);
    assert.deepEqual(renamedServices(compose, found), [
      { service: 'app', found: 'p-app-1', planned: 'app.p.test' },
    ]);
  });

  it('bridges single TCP ports only', () => {
    assert.deepEqual(bridgeablePorts(['5432', '6379/tcp', '5432', '53/udp', '8000-8010']), {
      tcp: [5432, 6379],
      skipped: ['53/udp', '8000-8010'],
    });
  });

  it('reads network and volume lists in both JSON eras', () => {
    const labels = { 'com.docker.compose.project': 'p' };
    assert.deepEqual(
      parseResources(
        JSON.stringify([
          { id: 'p_default', configuration: { name: 'p_default', labels } },
          { id: 'old', state: 'running', config: { id: 'old', labels: {} } },
          { name: 'p_data', driver: 'local', labels },
        ]),
        'network',
      ),
      [
        { name: 'p_default', labels },
        { name: 'old', labels: {} },
        { name: 'p_data', labels },
      ],
    );
  });

  it('finds the project by its labels and orders it for stop and down', () => {
    const project = (service: string, created: string, primary = false) =>
      info(`p-${service}-1`, {
        creationDate: created,
        labels: {
          'com.docker.compose.project': 'p',
          'com.docker.compose.service': service,
          ...(primary ? { 'devcontainer.local_folder': '/w' } : {}),
        },
      });
    const all = [
      project('db', '2026-01-01T00:00:00Z'),
      project('app', '2026-01-01T00:00:03Z', true),
      project('cache', '2026-01-01T00:00:02Z'),
      info('other', { labels: { 'com.docker.compose.project': 'q' } }),
    ];
    assert.deepEqual([...projectContainers(all, 'p').keys()], ['db', 'app', 'cache']);
    assert.deepEqual(
      reverseStartOrder(all.slice(0, 3)).map((c) => c.id),
      ['p-app-1', 'p-cache-1', 'p-db-1'],
    );
  });

  it("carries the image's ENTRYPOINT and CMD, which a Compose dev container's service runs", () => {
    const facts = imageFactsOf({ log: () => undefined } as unknown as EngineDeps, {
      reference: 'postgres:16',
      platforms: [],
      labels: {},
      env: [],
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['postgres'],
    });
    assert.deepEqual(facts.process, { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'] });
  });
});
