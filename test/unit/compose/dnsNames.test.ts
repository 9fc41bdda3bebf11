import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  containerDnsDomain,
  dnsContainerName,
  readDnsDomains,
} from '../../../src/core/compose/dnsNames';
import { renderPlan } from '../../../src/core/plan/render';
import { checkAppleArgv } from '../../support/appleGrammar';
import { MemoryFileSystem } from '../../support/memoryFs';
import { planCompose, PROJECT, runOf, values } from './fixture';

/** What `sudo container system dns create <d>` writes (`--localhost` domains use port 1053). */
const resolver = (domain: string, port = 2053) =>
  `domain ${domain}\nsearch ${domain}\nnameserver 127.0.0.1\nport ${port}\n`;

const COMPOSE = [
  'services:',
  '  app:',
  '    image: debian',
  '    depends_on: [db, cache]',
  '  db:',
  '    image: postgres',
  '    dns_search: [corp.example]',
  '  cache:',
  '    image: redis',
  '    container_name: my-cache',
].join('\n');

describe('compose: real DNS names under a registered domain', () => {
  it('reads container domains as `container system dns list` does, leaving out --localhost ones', async () => {
    assert.equal(containerDnsDomain('containerization.test', resolver('test')), 'test');
    assert.equal(
      containerDnsDomain('containerization.Dev.Local', resolver('Dev.Local')),
      'dev.local',
    );
    assert.equal(
      containerDnsDomain(
        'containerization.host.container.internal',
        resolver('host.container.internal', 1053),
      ),
      undefined,
    );
    assert.equal(containerDnsDomain('other.test', resolver('test')), undefined);
    const fs = new MemoryFileSystem({
      '/etc/resolver/containerization.zeta': resolver('zeta'),
      '/etc/resolver/containerization.alpha': resolver('alpha'),
      '/etc/resolver/containerization.host.container.internal': resolver(
        'host.container.internal',
        1053,
      ),
      '/etc/resolver/example.com': 'nameserver 10.0.0.1\n',
    });
    assert.deepEqual(await readDnsDomains(fs), ['alpha', 'zeta']);
    assert.deepEqual(await readDnsDomains(new MemoryFileSystem({})), []);
  });

  it('fits names into 63 characters, keeping them apart with a hash', () => {
    assert.equal(dnsContainerName('db', 'proj_devcontainer', 'test'), 'db.proj-devcontainer.test');
    const long = dnsContainerName(
      'db',
      'a-very-long-project-name-that-goes-on-and-on-and-on',
      'dev.example',
    );
    assert.ok(long !== undefined && long.length <= 63, long);
    assert.match(long ?? '', /^db\.a-very-long-project-.*-[0-9a-f]{8}\.dev\.example$/);
    assert.equal(dnsContainerName('db', 'p', `${'x'.repeat(58)}.test`), undefined);
  });

  it('names each service under the first registered domain, with search domains, and shows it in the plan', async () => {
    const plan = await planCompose(
      COMPOSE,
      {},
      {},
      {
        '/etc/resolver/containerization.test': resolver('test'),
        '/etc/resolver/containerization.host.container.internal': resolver(
          'host.container.internal',
          1053,
        ),
      },
    );
    const label = PROJECT.replace('_', '-');
    const names = plan.compose!.services.map((s) => [s.name, s.containerName]);
    assert.deepEqual(Object.fromEntries(names), {
      app: `app.${label}.test`,
      db: `db.${label}.test`,
      // container_name is the user's choice: kept, with no search domains.
      cache: 'my-cache',
    });
    assert.equal(plan.containerName, `app.${label}.test`);
    assert.equal(plan.compose!.dnsDomain, 'test');
    const db = runOf(plan, 'db');
    assert.deepEqual(values(db, '--name'), [`db.${label}.test`]);
    assert.deepEqual(values(db, '--dns-search'), ['corp.example', `${label}.test`, 'test']);
    assert.deepEqual(values(runOf(plan, 'cache'), '--dns-search'), []);
    for (const service of ['app', 'db', 'cache']) {
      assert.deepEqual(checkAppleArgv(runOf(plan, service)), []);
    }
    // The hosts block names the containers as they are now called.
    assert.ok(
      plan.compose!.hosts[`app.${label}.test`]!.some((line) =>
        line.includes(` db db.${label}.test `),
      ),
    );
    assert.match(
      renderPlan(plan),
      /DNS: containers are named under test \(registered with container system dns create\)/,
    );
  });

  it('without a registered domain, keeps Compose names', async () => {
    const plan = await planCompose(COMPOSE);
    assert.equal(plan.compose!.dnsDomain, undefined);
    assert.equal(plan.containerName, `${PROJECT}-app-1`);
    assert.deepEqual(values(runOf(plan, 'db'), '--dns-search'), ['corp.example']);
  });
});
