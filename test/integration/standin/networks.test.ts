import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
  BUSYBOX,
  cleanUp,
  container,
  keysSorted,
  KEEP_ALIVE,
  ok,
  runIdle,
  SCRATCH,
  slashesPlain,
} from './harness';
import { createNetns, hostIpJson, type TestNetns } from './netns';

/**
 * `container network ...` and `--network` on the stand-in: Apple's grammar,
 * both JSON eras, its errors and the macOS 26 gate; then real connectivity
 * between containers of one network, inside a network namespace this run
 * creates, with nothing reaching outside it.
 */

interface NetworkJson {
  id: string;
  configuration: Record<string, unknown> & { name: string; labels: Record<string, string> };
  status: { ipv4Subnet: string; ipv4Gateway: string };
}

interface Attachment {
  network: string;
  hostname: string;
  ipv4Address: string;
  ipv4Gateway: string;
  macAddress?: string;
}

interface ContainerJson {
  id: string;
  status: { state: string; networks: Attachment[] };
}

function attachmentsOf(id: string, env: Record<string, string> = {}): Attachment[] {
  const [found] = JSON.parse(ok(['inspect', id], { env })) as ContainerJson[];
  return found?.status.networks ?? [];
}

describe('stand-in: networks (integration)', function () {
  this.timeout(120_000);
  after(() => {
    cleanUp();
    container(['network', 'delete', '--all']);
  });

  it('lists the built-in default network, and creates, inspects and lists new ones', () => {
    assert.equal(ok(['network', 'ls']), 'NETWORK  SUBNET\ndefault  192.168.64.0/24\n');
    assert.equal(
      ok([
        'network',
        'create',
        '--label',
        'team=web',
        '--internal',
        'front',
        '--subnet',
        '192.168.91.0/24',
      ]),
      'front\n',
    );
    assert.equal(ok(['n', 'create', 'back']), 'back\n');
    assert.equal(
      ok(['network', 'list']),
      [
        'NETWORK  SUBNET',
        'back     192.168.65.0/24',
        'default  192.168.64.0/24',
        'front    192.168.91.0/24',
        '',
      ].join('\n'),
    );
    assert.equal(ok(['network', 'ls', '-q']), 'back\ndefault\nfront\n');
    const raw = ok(['network', 'ls', '--format', 'json']);
    assert.ok(raw.endsWith(']\n') && !raw.includes('\n['), 'one compact line');
    assert.ok(slashesPlain(raw));
    const listed = JSON.parse(raw) as NetworkJson[];
    assert.ok(keysSorted(listed));
    const front = listed.find((n) => n.id === 'front');
    assert.deepEqual(
      { ...front?.configuration, creationDate: undefined },
      {
        creationDate: undefined,
        ipv4Subnet: '192.168.91.0/24',
        labels: { team: 'web' },
        mode: 'hostOnly',
        name: 'front',
        options: {},
        plugin: 'container-network-vmnet',
      },
    );
    assert.match(String(front?.configuration.creationDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(front?.status, { ipv4Gateway: '192.168.91.1', ipv4Subnet: '192.168.91.0/24' });
    const builtin = listed.find((n) => n.id === 'default');
    assert.deepEqual(builtin?.configuration.labels, {
      'com.apple.container.resource.role': 'builtin',
    });
    // A subnet the plugin chose is status only, not configuration.
    assert.equal(listed.find((n) => n.id === 'back')?.configuration.ipv4Subnet, undefined);

    const inspected = ok(['network', 'inspect', 'front']);
    assert.match(inspected, /^\[\n {2}\{\n {4}"configuration" : \{/);
    assert.deepEqual(JSON.parse(inspected), [front]);
    const missing = container(['network', 'inspect', 'zeta', 'front', 'alpha']);
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, 'Error: network not found: alpha, zeta\n');
  });

  it("refuses what Apple refuses, in Apple's words", () => {
    const cases: Array<[string[], number, string]> = [
      [['network', 'create', 'Bad'], 1, 'Error: invalid network name: Bad\n'],
      [['network', 'create', 'none'], 1, 'Error: network none is not a valid name\n'],
      [['network', 'create', 'front'], 1, 'Error: network front already exists\n'],
      [
        ['network', 'create', '--subnet', '192.168.91.128/25', 'overlap'],
        1,
        'Error: IPv4 subnet 192.168.91.128/25 overlaps an existing network with subnet 192.168.91.0/24\n',
      ],
      [
        ['network', 'create', '--label', 'Has_Upper=1', 'labelled'],
        1,
        'Error: LabelError(code: ContainerResource.AppErrorCode(rawValue: "invalid_label_key_content"), metadata: ["key": "Has_Upper"])\n',
      ],
      [['network', 'delete', 'default'], 1, 'Error: cannot delete a builtin network: default\n'],
      [['network', 'rm', 'nope'], 1, 'Error: failed to delete one or more networks: ["nope"]\n'],
      [['network', 'delete'], 1, 'Error: no networks specified and --all not supplied\n'],
    ];
    for (const [args, status, stderr] of cases) {
      const result = container(args);
      assert.equal(result.status, status, args.join(' '));
      assert.equal(result.stderr, stderr, args.join(' '));
    }
    const badSubnet = container(['network', 'create', '--subnet', '10.0.0.0/40', 'x']);
    assert.equal(badSubnet.status, 64);
    assert.match(
      badSubnet.stderr,
      /^Error: The value '10\.0\.0\.0\/40' is invalid for '--subnet <subnet>'\nUsage: container network create /,
    );
  });

  it('attaches containers with --network: first network primary, each with its address', () => {
    runIdle('net-two', ['--network', 'front', '--network', 'back,mtu=1500']);
    const [first, second] = attachmentsOf('net-two');
    assert.equal(first?.network, 'front');
    assert.equal(first?.hostname, 'net-two');
    assert.match(first?.ipv4Address ?? '', /^192\.168\.91\.\d+\/24$/);
    assert.equal(first?.ipv4Gateway, '192.168.91.1');
    assert.equal(second?.network, 'back');
    assert.match(second?.ipv4Address ?? '', /^192\.168\.65\.\d+\/24$/);
    assert.equal(second?.ipv4Gateway, '192.168.65.1');
    const row = ok(['list'])
      .split('\n')
      .find((line) => line.startsWith('net-two '));
    assert.match(row ?? '', / 192\.168\.91\.\d+\/24,192\.168\.65\.\d+\/24 /);

    runIdle('net-none', ['--network', 'none']);
    assert.deepEqual(attachmentsOf('net-none'), []);
    const unknown = container(['run', '-d', '--network', 'nowhere', BUSYBOX, 'true']);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, 'Error: network nowhere not found\n');
  });

  it('refuses to delete a network a container refers to, running or not; prune skips it', () => {
    ok(['stop', 'net-two']);
    const refused = container(['network', 'delete', 'back']);
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr,
      'failed to delete network: ["id": back, "error": invalidState: "cannot delete subnet back with referring containers: net-two"]\n' +
        'Error: delete failed for one or more networks: ["back"]\n',
    );
    ok(['network', 'create', 'spare']);
    assert.equal(ok(['network', 'prune']), 'spare\n');
    ok(['delete', 'net-two']);
    assert.equal(ok(['network', 'delete', 'back', 'front']), 'back\nfront\n');
    assert.equal(ok(['network', 'ls', '-q']), 'default\n');
  });

  it('plays the pre-1.0 shapes: state column, PrintableNetwork JSON, coded errors', () => {
    const OLD = { CONTAINER_STANDIN_VERSION: '0.12.3' };
    ok(['network', 'create', '--subnet', '192.168.92.0/24', 'legacy'], { env: OLD });
    assert.equal(
      ok(['network', 'ls'], { env: OLD }),
      'NETWORK  STATE    SUBNET\ndefault  running  192.168.64.0/24\nlegacy   running  192.168.92.0/24\n',
    );
    const raw = ok(['network', 'ls', '--format', 'json'], { env: OLD });
    const [, legacy] = JSON.parse(raw) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(legacy ?? {}), ['id', 'state', 'config', 'status']);
    const config = legacy?.config as Record<string, unknown>;
    assert.deepEqual(Object.keys(config), [
      'id',
      'creationDate',
      'mode',
      'ipv4Subnet',
      'labels',
      'pluginInfo',
    ]);
    assert.equal(typeof config.creationDate, 'number');
    assert.deepEqual(legacy?.status, {
      ipv4Subnet: '192.168.92.0/24',
      ipv4Gateway: '192.168.92.1',
    });
    // Before 1.0, inspect leaves unknown names out and succeeds.
    assert.equal(ok(['network', 'inspect', 'nope'], { env: OLD }), '[]\n');
    const coded = container(['network', 'create', 'Bad'], {
      env: { CONTAINER_STANDIN_VERSION: '0.9.0' },
    });
    assert.equal(coded.stderr, 'Error: invalidArgument: "invalid network ID: Bad"\n');
    const option = container(['network', 'create', '--option', 'a=b', 'x'], { env: OLD });
    assert.equal(option.status, 64);
    ok(['network', 'delete', 'legacy']);
  });

  it('on macOS 15: no network group, only the default network', () => {
    const MACOS15 = { CONTAINER_STANDIN_MACOS: '15' };
    const hidden = container(['network', 'ls'], { env: MACOS15 });
    assert.equal(hidden.status, 64);
    assert.match(hidden.stderr, /^Error: Plugin 'container-network' not found\./);
    const refused = container(
      ['run', '-d', '--network', 'default', '--network', 'default', BUSYBOX, 'true'],
      {
        env: MACOS15,
      },
    );
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr,
      'Error: non-default network configuration requires macOS 26 or newer\n',
    );
    // The default network alone, even with properties, is fine.
    ok(
      [
        'run',
        '-d',
        '--name',
        'net-15',
        '--network',
        'default,mac=02:42:ac:11:00:02',
        BUSYBOX,
        ...KEEP_ALIVE,
      ],
      {
        env: MACOS15,
      },
    );
    assert.equal(attachmentsOf('net-15')[0]?.macAddress, '02:42:ac:11:00:02');
    ok(['delete', '--force', 'net-15']);
  });
});

describe('stand-in: real networking inside a test netns (integration)', function () {
  this.timeout(180_000);
  let netns: TestNetns | undefined;
  let env: Record<string, string> = {};
  const hostNetworksBefore = podmanHostNetworks();

  function podmanHostNetworks(): string[] {
    const result = spawnSync('podman', ['network', 'ls', '--format', '{{.Name}}'], {
      encoding: 'utf8',
    });
    return result.stdout.split('\n').filter((name) => name !== '');
  }

  function ipv4(id: string): string {
    return (attachmentsOf(id, env)[0]?.ipv4Address ?? '').replace(/\/\d+$/, '');
  }

  /** A one-shot client on `network` that connects to ip:7000 and prints what it gets. */
  function probe(network: string, ip: string): { status: number | null; stdout: string } {
    return container(
      ['run', '--rm', '--network', network, BUSYBOX, 'sh', '-c', `nc -w 3 ${ip} 7000 </dev/null`],
      { env },
    );
  }

  before(() => {
    netns = createNetns();
    env = {
      CONTAINER_STANDIN_NETNS: netns.name,
      CONTAINER_STANDIN_STATE: path.join(SCRATCH, 'netns-state'),
    };
  });

  after(() => {
    if (netns) {
      container(['delete', '--all', '--force'], { env });
      container(['network', 'delete', '--all'], { env });
      netns.remove();
    }
  });

  it('two containers on one network talk over TCP; other networks cannot reach them', () => {
    ok(['network', 'create', 'isolated'], { env });
    ok(
      [
        'run',
        '-d',
        '--name',
        'responder',
        BUSYBOX,
        'sh',
        '-c',
        'trap "exit 0" TERM; while :; do echo pong | nc -l -p 7000; done',
      ],
      { env },
    );
    const ip = ipv4('responder');
    assert.match(ip, /^192\.168\.64\.\d+$/);
    assert.equal(attachmentsOf('responder', env)[0]?.ipv4Gateway, '192.168.64.1');
    const same = probe('default', ip);
    assert.equal(same.status, 0);
    assert.equal(same.stdout, 'pong\n');
    const other = probe('isolated', ip);
    assert.notEqual(other.status, 0);
    assert.equal(other.stdout, '');
  });

  it('keeps every packet inside the namespace', () => {
    assert.ok(netns);
    // The bridges exist only in the namespace: none of their addresses is a host link's.
    const inside = netns.json<Array<{ ifname: string; address?: string; link_type: string }>>([
      'link',
    ]);
    const bridges = inside.filter((link) => link.link_type !== 'loopback');
    assert.ok(bridges.length > 0, 'the namespace holds the bridges');
    const hostAddresses = new Set(
      hostIpJson<Array<{ address?: string }>>(['link']).map((l) => l.address),
    );
    for (const link of bridges) {
      assert.ok(!hostAddresses.has(link.address), `${link.ifname} shows up on the host`);
    }
    // No route leaves: only the Apple networks' own subnets, no default route.
    const routes = netns.json<Array<{ dst: string }>>(['route']);
    assert.ok(routes.length > 0);
    for (const route of routes) {
      assert.match(route.dst, /^192\.168\.\d+\.0\/24$/, `unexpected route ${route.dst}`);
    }
    assert.deepEqual(
      netns.json<unknown[]>(['-6', 'route']).filter((r) => JSON.stringify(r).includes('default')),
      [],
    );
    // Nor does a container have a way out.
    const containerRoutes = ok(['exec', 'responder', 'ip', 'route'], { env });
    assert.doesNotMatch(containerRoutes, /default/);
    // The host's podman knows no network of ours.
    assert.deepEqual(podmanHostNetworks(), hostNetworksBefore);
  });
});
