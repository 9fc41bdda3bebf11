import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { portForwards } from '../../../src/core/plan/portForwards';

/**
 * forwardPorts as the window's SSH connection forwards them: the dev
 * container's own ports on its loopback, a Compose service's by its name
 * (resolved by the primary's sshd through the hosts block), and a clear
 * sentence for every entry that is not forwarded.
 */

const project = {
  primaryService: 'app',
  services: [
    { name: 'db', hostNames: ['db', 'proj-db-1', 'database'] },
    { name: 'app', hostNames: ['app', 'proj-app-1'] },
  ],
};

describe('forwardPorts for the SSH hand-over', () => {
  it('forwards numbers and localhost ports to the dev container’s loopback, once each', () => {
    const { forwards, warnings } = portForwards([3000, 'localhost:5173', '127.0.0.1:8080', 3000]);
    assert.deepEqual(forwards, [
      { port: 3000, host: '127.0.0.1' },
      { port: 5173, host: '127.0.0.1' },
      { port: 8080, host: '127.0.0.1' },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('forwards a Compose service’s port by the service’s name or alias', () => {
    const { forwards, warnings } = portForwards(['db:5432', 'database:6543', 3000], project);
    assert.deepEqual(forwards, [
      { port: 5432, host: 'db' },
      { port: 6543, host: 'db' },
      { port: 3000, host: '127.0.0.1' },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('reaches the dev container’s own service on its loopback, where a server may listen only', () => {
    assert.deepEqual(portForwards(['app:3000'], project).forwards, [
      { port: 3000, host: '127.0.0.1' },
    ]);
  });

  it('warns for a name that is not a service of the project, naming the services', () => {
    const { forwards, warnings } = portForwards(['redis:6379', 3000], project);
    assert.deepEqual(forwards, [{ port: 3000, host: '127.0.0.1' }]);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /^forwardPorts "redis:6379" is not forwarded: "redis" is not a service this Compose project starts \(db, app\)\./,
    );
  });

  it('warns for a service name in a config that is not a Compose config', () => {
    const { forwards, warnings } = portForwards(['db:5432']);
    assert.deepEqual(forwards, []);
    assert.match(
      warnings[0]!,
      /"db:5432" names a Compose service, and this config is not a Compose config\. Write the port alone \(5432\)/,
    );
  });

  it('warns when two entries want the same local port, keeping the first', () => {
    const { forwards, warnings } = portForwards([5432, 'db:5432', 'localhost:5432'], project);
    assert.deepEqual(forwards, [{ port: 5432, host: '127.0.0.1' }]);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /"db:5432" is not forwarded: 127\.0\.0\.1:5432 on this machine already reaches the dev container:5432/,
    );
  });

  it('drops ports out of range and says so for an unreadable entry', () => {
    const { forwards, warnings } = portForwards([0, 70000, 'db:99999', 'db'], project);
    assert.deepEqual(forwards, []);
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[1]!,
      /"db" is not forwarded: it is neither a port number nor "<service>:<port>"/,
    );
  });
});
