import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  APPLE_NETWORK_NAME,
  appleNetworkName,
  serviceContainerName,
  toProjectName,
} from '../../../src/core/compose/names';
import { isValidContainerName } from '../../../src/core/plan/naming';
import { GATEWAY_PLACEHOLDER } from '../../../src/core/compose/hosts';
import { HOSTS_MARK } from '../../../src/core/compose/process';
import { planCompose, PROJECT } from './fixture';

describe('compose: names valid for Apple', () => {
  it('names containers <project>-<service>-1, shortened with a hash past 63 characters', () => {
    assert.equal(serviceContainerName('shop', 'db'), 'shop-db-1');
    const long = serviceContainerName(
      'a-very-long-project-name-that-keeps-going',
      'and-a-long-service-name-too',
    );
    assert.equal(long.length, 63);
    assert.ok(isValidContainerName(long));
    assert.match(long, /-[0-9a-f]{8}$/);
    assert.notEqual(
      long,
      serviceContainerName(
        'a-very-long-project-name-that-keeps-going',
        'and-a-long-service-name-too2',
      ),
    );
  });

  it("makes network names lower-case, within Apple's rule", () => {
    assert.equal(appleNetworkName('shop_Back'), 'shop_back');
    const long = appleNetworkName(`${'p'.repeat(50)}_${'n'.repeat(30)}`);
    assert.ok(APPLE_NETWORK_NAME.test(long) && long.length <= 63, long);
    assert.equal(toProjectName('My Project.v2'), 'myprojectv2');
  });
});

describe('compose: the hosts block of each container', () => {
  it('maps service names, container names, aliases, links and extra_hosts', async () => {
    const plan = await planCompose(
      [
        'services:',
        '  app:',
        '    image: node',
        '    links: ["db:database"]',
        '    extra_hosts: ["host.docker.internal:host-gateway", "legacy=10.0.0.9"]',
        '  db:',
        '    image: postgres',
        '    container_name: shop-db',
        '    networks:',
        '      default:',
        '        aliases: [postgres]',
      ].join('\n'),
    );
    const app = `${PROJECT}-app-1`;
    assert.deepEqual(plan.compose!.hosts[app], [
      `{{ip:shop-db}} db shop-db postgres database ${HOSTS_MARK}`,
      `{{ip:${app}}} app ${app} ${HOSTS_MARK}`,
      `${GATEWAY_PLACEHOLDER} host.docker.internal ${HOSTS_MARK}`,
      `10.0.0.9 legacy ${HOSTS_MARK}`,
    ]);
    assert.deepEqual(plan.compose!.hosts['shop-db'], [
      `{{ip:shop-db}} db shop-db postgres ${HOSTS_MARK}`,
      `{{ip:${app}}} app ${app} ${HOSTS_MARK}`,
    ]);
  });
});
