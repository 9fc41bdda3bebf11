import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { translateAppPort, translatePublish } from '../../../src/core/plan/ports';

describe('published ports', () => {
  it('publishes appPort numbers on loopback, as the reference implementation does', () => {
    assert.deepEqual(translateAppPort(3000), { spec: '127.0.0.1:3000:3000' });
  });

  it('keeps Docker forms Apple shares', () => {
    assert.equal(translatePublish('8080:80').spec, '8080:80');
    assert.equal(translatePublish('127.0.0.1:8080:80/udp').spec, '127.0.0.1:8080:80/udp');
    assert.equal(translatePublish('[::1]:8080:80').spec, '[::1]:8080:80');
    assert.equal(translatePublish('8000-8010:9000-9010').spec, '8000-8010:9000-9010');
    assert.equal(translatePublish('8080:80').note, undefined);
  });

  it('gives container-port-only forms a host port, with a note', () => {
    const published = translatePublish('3000');
    assert.equal(published.spec, '127.0.0.1:3000:3000');
    assert.match(published.note ?? '', /needs a host port/);
    assert.equal(translatePublish('0.0.0.0::5000').spec, '0.0.0.0:5000:5000');
  });

  it('rejects what Apple cannot publish', () => {
    assert.throws(() => translatePublish('80/sctp'), /tcp and udp/);
    assert.throws(() => translatePublish('70000:80'), /out of range/);
    assert.throws(() => translatePublish('8000-8002:80-81'), /differ in length/);
    assert.throws(() => translatePublish('a:b'), /invalid port/);
    assert.throws(() => translatePublish('::1:8080:80'), /IPv6/);
  });
});
