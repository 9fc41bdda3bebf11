import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseContainers } from '../../../src/core/client/parseContainers';
import { encodeLabelValue } from '../../../src/core/plan/labels';
import { containerItem, containerItems, formatMemory } from '../../../src/core/view/containerItems';

const running1x = {
  id: 'proj-abcd1234',
  status: {
    state: 'running',
    startedDate: '2026-08-07T10:00:02Z',
    networks: [
      {
        network: 'default',
        hostname: 'proj-abcd1234',
        ipv4Address: '192.168.64.5/24',
        ipv4Gateway: '192.168.64.1',
      },
    ],
  },
  configuration: {
    id: 'proj-abcd1234',
    creationDate: '2026-08-07T10:00:00Z',
    image: {
      reference: 'docker.io/library/ubuntu:24.04',
      descriptor: { digest: 'sha256:ab', mediaType: 'x', size: 1 },
    },
    platform: { os: 'linux', architecture: 'amd64' },
    resources: { cpus: 4, memoryInBytes: 4 * 2 ** 30, cpuOverhead: 1 },
    rosetta: true,
    labels: {
      'devcontainer.local_folder': '/Users/me/proj',
      'devcontainer.config_file': encodeLabelValue(
        '/Users/me/proj/.devcontainer/python/devcontainer.json',
      ),
    },
    publishedPorts: [
      { hostAddress: '127.0.0.1', hostPort: 3000, containerPort: 3000, proto: 'tcp', count: 1 },
    ],
    initProcess: {
      executable: 'sh',
      arguments: [],
      environment: [],
      workingDirectory: '/',
      terminal: false,
      user: { id: { uid: 0, gid: 0 } },
    },
    mounts: [],
  },
};

const stoppedPre1 = {
  status: 'stopped',
  networks: [],
  configuration: {
    id: 'other',
    image: {
      reference: 'docker.io/library/alpine:latest',
      descriptor: { digest: 'sha256:cd', mediaType: 'x', size: 1 },
    },
    platform: { os: 'linux', architecture: 'arm64' },
    resources: { cpus: 1, memoryInBytes: 1536 * 2 ** 20 },
    rosetta: false,
    labels: {},
    initProcess: {
      executable: 'sh',
      arguments: [],
      environment: [],
      workingDirectory: '/',
      terminal: false,
      user: { raw: { userString: 'root' } },
    },
    mounts: [],
  },
};

describe('containers view items', () => {
  const [dev] = parseContainers(JSON.stringify([running1x]));
  const [plain] = parseContainers(JSON.stringify([stoppedPre1]));

  it('shows a dev container by its workspace and config, with IP, CPUs, memory and Rosetta', () => {
    const item = containerItem(dev!);
    assert.equal(item.id, 'proj-abcd1234');
    assert.equal(item.label, 'proj (python)');
    assert.equal(item.description, '192.168.64.5 · 4 CPUs · 4 GiB · amd64 (Rosetta)');
    assert.equal(item.contextValue, 'container+running+devcontainer+ports');
    assert.deepEqual(item.icon, { id: 'vm-running', color: 'debugIcon.startForeground' });
    assert.match(item.tooltip, /Published ports: `127\.0\.0\.1:3000 → 3000\/tcp`/);
    assert.match(item.tooltip, /Workspace: `\/Users\/me\/proj`/);
    assert.doesNotMatch(item.tooltip, /2026-08-07T/, 'no raw ISO time');
  });

  it("writes the tooltip's times in the user's time zone, naming the zone", () => {
    const item = containerItem(dev!, undefined, { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    assert.match(item.tooltip, /Started: `7 Aug 2026, 12:00 CEST`/);
    const tokyo = containerItem(dev!, undefined, { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    assert.match(tokyo.tooltip, /Started: `7 Aug 2026, 19:00 GMT\+9`/);
  });

  it('says where the CPUs and memory came from, and the live usage of a running container', () => {
    const labelled = {
      ...dev!,
      labels: { ...dev!.labels, 'slipway.resources.from': 'cpus:setting,memory:hostRequirements' },
    };
    const item = containerItem(labelled, { cpuPercent: 42.4, memoryUsedBytes: 2 ** 30 });
    assert.match(item.tooltip, /CPUs: `4 \(workspace setting\)`/);
    assert.match(item.tooltip, /Memory: `4 GiB \(hostRequirements\)`/);
    assert.match(item.tooltip, /Usage: `CPU 42% · memory 1 GiB`/);
    // An unknown label value is ignored rather than shown.
    const odd = { ...dev!, labels: { ...dev!.labels, 'slipway.resources.from': 'cpus:magic' } };
    assert.match(containerItem(odd).tooltip, /CPUs: `4` {2}/);
  });

  it('shows other containers by ID, from the pre-1.0 shape too', () => {
    const item = containerItem(plain!);
    assert.equal(item.label, 'other');
    assert.equal(item.description, '1 CPU · 1.5 GiB · arm64');
    assert.equal(item.contextValue, 'container+stopped');
    assert.equal(item.icon.id, 'vm-outline');
  });

  it('lists dev containers first', () => {
    assert.deepEqual(
      containerItems([plain!, dev!]).map((i) => i.id),
      ['proj-abcd1234', 'other'],
    );
    assert.equal(formatMemory(undefined), undefined);
  });
});
