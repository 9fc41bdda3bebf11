import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'mocha';
import { FACTS_SCRIPT, parseFacts } from '../../../src/core/remote/facts';

describe('the remote Mac’s facts', () => {
  it('reads a Mac’s answers (sysctl and sw_vers)', () => {
    const mac = [
      'os=Darwin',
      'arch=arm64',
      'macos=26.1',
      'cpus=24',
      'memsize=137438953472',
      'memkb=',
      'container=/usr/local/bin/container',
      '',
    ].join('\n');
    assert.deepEqual(parseFacts(mac), {
      os: 'Darwin',
      arch: 'arm64',
      macosVersion: '26.1',
      cpus: 24,
      memoryBytes: 137438953472,
      containerPath: '/usr/local/bin/container',
    });
  });

  it('falls back on Linux (the test sshd): /proc/meminfo, no macOS version, no container', () => {
    const linux = 'os=Linux\narch=x86_64\nmacos=\ncpus=2\nmemsize=\nmemkb=8042344\ncontainer=\n';
    assert.deepEqual(parseFacts(linux), {
      os: 'Linux',
      arch: 'x86_64',
      cpus: 2,
      memoryBytes: 8042344 * 1024,
    });
  });

  it('leaves out what it cannot read rather than guessing', () => {
    assert.deepEqual(parseFacts(''), {});
    assert.deepEqual(parseFacts('os=Linux\nmacos=14.0\ncpus=lots\nmemsize=-1\n'), { os: 'Linux' });
    assert.deepEqual(parseFacts('motd noise\nos=Darwin\r\nmacos=15.4\r\n'), {
      os: 'Darwin',
      macosVersion: '15.4',
    });
  });

  it('the probe script runs under a plain sh and answers on this machine', () => {
    const result = spawnSync('/bin/sh', ['-c', FACTS_SCRIPT, 'sh', ''], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    assert.equal(result.status, 0, result.stderr);
    const facts = parseFacts(result.stdout);
    assert.equal(facts.os, process.platform === 'darwin' ? 'Darwin' : 'Linux');
    assert.equal(facts.cpus !== undefined && facts.cpus >= 1, true);
    assert.ok(facts.memoryBytes !== undefined && facts.memoryBytes > 0);
    // A configured path that is not executable is "not there".
    const configured = spawnSync('/bin/sh', ['-c', FACTS_SCRIPT, 'sh', '/nonexistent/container'], {
      encoding: 'utf8',
    });
    assert.equal(parseFacts(configured.stdout).containerPath, undefined);
    const real = spawnSync('/bin/sh', ['-c', FACTS_SCRIPT, 'sh', '/bin/sh'], { encoding: 'utf8' });
    assert.equal(parseFacts(real.stdout).containerPath, '/bin/sh');
  });
});
