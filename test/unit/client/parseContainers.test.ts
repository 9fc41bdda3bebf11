import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  parseContainer,
  parseContainers,
  userString,
} from '../../../src/core/client/parseContainers';
import { isContainerCliError } from '../../../src/core/client/types';
import {
  INSPECT_1X,
  LIST_0_5,
  LIST_0_8,
  LIST_1X_RUNNING,
  LIST_1X_STOPPED,
  METADATA,
} from './fixtures';

function rejectsAsUnexpected(stdout: string): void {
  assert.throws(
    () => parseContainers(stdout),
    (error: unknown) => isContainerCliError(error) && error.kind === 'unexpectedOutput',
  );
}

describe('container list / inspect parsing', () => {
  it('reads the 1.x shape (reference §4.2 example)', () => {
    const [container, ...rest] = parseContainers(LIST_1X_RUNNING);
    assert.equal(rest.length, 0);
    assert.deepEqual(container, {
      id: 'devc-myproj',
      state: 'running',
      image: 'docker.io/library/ubuntu:24.04',
      ipAddress: '192.168.64.5',
      gateway: '192.168.64.1',
      cpus: 4,
      memoryBytes: 1073741824,
      os: 'linux',
      architecture: 'arm64',
      rosetta: false,
      labels: { 'devcontainer.local_folder': '/Users/me/proj', 'devcontainer.metadata': METADATA },
      publishedPorts: [
        { hostAddress: '127.0.0.1', hostPort: 3000, containerPort: 3000, proto: 'tcp', count: 1 },
      ],
      startedDate: '2026-08-07T10:00:02Z',
      creationDate: '2026-08-07T10:00:00Z',
      environment: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      user: '0:0',
      workingDirectory: '/',
    });
  });

  it('reads 1.x pretty-printed inspect output the same way as list', () => {
    assert.deepEqual(parseContainers(INSPECT_1X), parseContainers(LIST_1X_RUNNING));
  });

  it('reads a stopped 1.x container: no IP, no start date, raw user, Rosetta', () => {
    const [container] = parseContainers(LIST_1X_STOPPED);
    assert.ok(container);
    assert.equal(container.state, 'stopped');
    assert.equal(container.ipAddress, undefined);
    assert.equal(container.startedDate, undefined);
    assert.equal(container.user, 'node');
    assert.equal(container.architecture, 'amd64');
    assert.equal(container.rosetta, true);
    assert.equal(container.memoryBytes, 4294967296);
    assert.ok(!('ipAddress' in container), 'undefined fields are left out');
  });

  it('reads the 0.8–0.12 shape: string status, top-level networks, seconds since 2001', () => {
    const [running, stopped] = parseContainers(LIST_0_8);
    assert.ok(running && stopped);
    assert.equal(running.id, 'devc-myproj');
    assert.equal(running.state, 'running');
    assert.equal(running.ipAddress, '192.168.64.7');
    assert.equal(running.startedDate, '2026-08-07T10:00:02.000Z');
    assert.equal(running.user, 'vscode');
    assert.equal(running.workingDirectory, '/workspaces/proj');
    assert.deepEqual(running.labels, { 'devcontainer.metadata': METADATA });
    assert.equal(stopped.id, 'devc-stopped');
    assert.equal(stopped.state, 'stopped');
    assert.equal(stopped.ipAddress, undefined);
    assert.deepEqual(stopped.environment, []);
    assert.equal(stopped.rosetta, false);
  });

  it('reads the 0.5–0.7 shape: `address` attachments, uid:gid user, udp ports without count', () => {
    const [legacy] = parseContainers(LIST_0_5);
    assert.ok(legacy);
    assert.equal(legacy.ipAddress, '192.168.64.3');
    assert.equal(legacy.startedDate, undefined);
    assert.equal(legacy.user, '1000:1000');
    assert.deepEqual(legacy.publishedPorts, [
      { hostAddress: '0.0.0.0', hostPort: 8080, containerPort: 80, proto: 'udp', count: 1 },
    ]);
    assert.deepEqual(legacy.labels, { plain: 'value' });
  });

  it('reads an empty list', () => {
    assert.deepEqual(parseContainers('[]\n'), []);
  });

  it('maps unknown states to "unknown" and takes the id from configuration', () => {
    const info = parseContainer({ status: { state: 'paused' }, configuration: { id: 'x1' } });
    assert.equal(info.id, 'x1');
    assert.equal(info.state, 'unknown');
    assert.equal(info.image, '');
  });

  it('keeps an IP without a prefix as it is', () => {
    const info = parseContainer({
      id: 'a',
      status: 'running',
      networks: [{ address: '10.0.0.2' }],
    });
    assert.equal(info.ipAddress, '10.0.0.2');
  });

  it('throws unexpectedOutput for invalid JSON, a non-array and an entry without an id', () => {
    rejectsAsUnexpected('Error: something\n');
    rejectsAsUnexpected('');
    rejectsAsUnexpected('{"id":"a"}');
    rejectsAsUnexpected('[{"status":"running"}]');
    rejectsAsUnexpected('[42]');
  });

  it('reads the init user union in all its forms', () => {
    assert.equal(userString({ id: { uid: 0, gid: 0 } }), '0:0');
    assert.equal(userString({ id: { uid: 501 } }), '501');
    assert.equal(userString({ raw: { userString: 'vscode:staff' } }), 'vscode:staff');
    assert.equal(userString('root'), 'root');
    assert.equal(userString({ other: {} }), undefined);
    assert.equal(userString(undefined), undefined);
  });
});
