import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ContainerInfo } from '../../../src/core/client/types';
import { creationOrder, viewEntries, type ViewEntry } from '../../../src/core/view/composeGroups';

function info(id: string, extra: Partial<ContainerInfo> = {}): ContainerInfo {
  return {
    id,
    state: 'running',
    image: 'docker.io/library/busybox:latest',
    rosetta: false,
    labels: {},
    publishedPorts: [],
    environment: [],
    ...extra,
  };
}

function service(
  project: string,
  name: string,
  created: string,
  extra: Partial<ContainerInfo> = {},
): ContainerInfo {
  return info(`${project}-${name}-1`, {
    creationDate: created,
    ...extra,
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': name,
      'com.docker.compose.project.config_files': `/Users/me/${project}/.devcontainer/compose.yml`,
      ...extra.labels,
    },
  });
}

const DB = service('shop', 'db', '2026-08-07T10:00:00Z', {
  ipAddress: '192.168.65.2',
  cpus: 2,
  memoryBytes: 2 ** 30,
  architecture: 'arm64',
});
const CACHE = service('shop', 'cache', '2026-08-07T10:00:01Z', { state: 'stopped' });
const APP = service('shop', 'app', '2026-08-07T10:00:02Z', {
  ipAddress: '192.168.65.3',
  labels: {
    'devcontainer.local_folder': '/Users/me/shop',
    'devcontainer.config_file': '/Users/me/shop/.devcontainer/devcontainer.json',
  },
});
const LONE = info('builder', { state: 'stopped' });

function project(entries: ViewEntry[], name: string) {
  const entry = entries.find((e) => e.kind === 'project' && e.project.name === name);
  assert.ok(entry?.kind === 'project', `a node for ${name}`);
  return entry;
}

describe('the containers view groups Compose projects', () => {
  it('puts a project under one node with its services, oldest first, and leaves the rest alone', () => {
    const entries = viewEntries([APP, LONE, DB, CACHE]);
    assert.deepEqual(
      entries.map((e) => (e.kind === 'project' ? `project:${e.project.label}` : e.item.label)),
      ['project:shop', 'builder'],
      'a project with a dev container first, like a dev container',
    );
    const shop = project(entries, 'shop');
    assert.deepEqual(
      shop.services.map((s) => s.item.label),
      ['db', 'cache', 'app'],
    );
    assert.equal(shop.project.description, '3 services · 2 running');
    assert.equal(shop.project.id, 'compose:shop');
  });

  it('gives each service what a single container shows, and keeps its container menu', () => {
    const [db] = project(viewEntries([DB, APP]), 'shop').services;
    assert.equal(db?.item.description, '192.168.65.2 · 2 CPUs · 1 GiB · arm64');
    assert.equal(db?.item.contextValue, 'container+running+service');
    assert.match(db?.item.tooltip ?? '', /IP: `192\.168\.65\.2`/);
    const app = project(viewEntries([DB, APP]), 'shop').services[1];
    assert.equal(app?.item.contextValue, 'container+running+devcontainer+service');
    assert.equal(app?.item.workspaceFolder, '/Users/me/shop');
  });

  it('tells the project menus which actions apply by its context value', () => {
    const mixed = project(viewEntries([DB, CACHE, APP]), 'shop').project;
    assert.equal(mixed.contextValue, 'composeProject+hasRunning+hasStopped');
    const stoppedAll = [DB, APP].map((c) => ({ ...c, state: 'stopped' as const }));
    const stopped = project(viewEntries(stoppedAll), 'shop').project;
    assert.equal(stopped.contextValue, 'composeProject+hasStopped');
    assert.equal(stopped.description, '2 services · stopped');
    assert.equal(stopped.icon.id, 'layers');
    const running = project(viewEntries([DB]), 'shop').project;
    assert.equal(running.contextValue, 'composeProject+hasRunning');
    assert.equal(running.description, '1 service · 1 running');
  });

  it('says in the tooltip where the project comes from and how each service is', () => {
    const shop = project(viewEntries([DB, CACHE, APP]), 'shop').project;
    assert.equal(shop.workspaceFolder, '/Users/me/shop');
    assert.equal(shop.configFile, '/Users/me/shop/.devcontainer/devcontainer.json');
    assert.match(shop.tooltip, /^\*\*shop\*\* \(Compose project\)/);
    assert.match(shop.tooltip, /Folder: `\/Users\/me\/shop`/);
    assert.match(shop.tooltip, /Config: `\/Users\/me\/shop\/\.devcontainer\/devcontainer\.json`/);
    assert.match(shop.tooltip, /Compose files: `\/Users\/me\/shop\/\.devcontainer\/compose\.yml`/);
    assert.match(shop.tooltip, /- cache: stopped \(shop-cache-1\)/);
  });

  it("falls back to the reference CLI's working_dir label for a project made by another tool", () => {
    const web = service('other', 'web', '2026-08-07T10:00:00Z', {
      labels: { 'com.docker.compose.project.working_dir': '/Users/me/other' },
    });
    const other = project(viewEntries([web]), 'other').project;
    assert.equal(other.workspaceFolder, undefined);
    assert.match(other.tooltip, /Folder: `\/Users\/me\/other`/);
    assert.doesNotMatch(other.tooltip, /Config:/);
  });

  it('keeps two projects apart and sorts them by name', () => {
    const a = service('alpha', 'web', '2026-08-07T10:00:00Z');
    const b = service('beta', 'web', '2026-08-07T09:00:00Z');
    const entries = viewEntries([b, LONE, a]);
    assert.deepEqual(
      entries.map((e) => (e.kind === 'project' ? e.project.name : e.item.label)),
      ['alpha', 'beta', 'builder'],
    );
    assert.deepEqual(
      project(entries, 'beta').services.map((s) => s.container.id),
      ['beta-web-1'],
    );
  });

  it('orders by creation date, then by name when the dates tie or are missing', () => {
    const x = info('x', { creationDate: '2026-01-02T00:00:00Z' });
    const y = info('y', { creationDate: '2026-01-01T00:00:00Z' });
    const z2 = info('z2');
    const z10 = info('z10');
    assert.deepEqual(
      creationOrder([x, z10, y, z2]).map((c) => c.id),
      ['z2', 'z10', 'y', 'x'],
    );
  });
});
