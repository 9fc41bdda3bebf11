import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  otherHostKey,
  startLoopbackSshd,
  withoutContainerPath,
  type LoopbackSshd,
} from './loopbackSshd';

/** The harness itself: what the remote-host tests rely on, checked with the system ssh. */

function ssh(config: string, alias: string, command: readonly string[]) {
  return spawnSync('ssh', ['-F', config, '-o', 'BatchMode=yes', alias, ...command], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SSH_AUTH_SOCK: '' },
  });
}

describe('loopback sshd harness', function () {
  this.timeout(120_000);
  let sshd: LoopbackSshd;

  before(async () => {
    sshd = await startLoopbackSshd({ remoteEnv: { SLIPWAY_HARNESS_MARK: 'on-the-remote' } });
  });
  after(async () => {
    await sshd.stop();
  });

  it('runs commands with argv intact, the stand-in first on PATH, SetEnv applied', () => {
    const config = sshd.writeClientConfig({ alias: 'mac-studio' });
    const result = ssh(config, 'mac-studio', [
      'printf "%s|" "$SLIPWAY_HARNESS_MARK" "$(command -v container)"; container --version',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const [mark, containerPath, version] = result.stdout.split('|');
    assert.equal(mark, 'on-the-remote');
    assert.match(containerPath ?? '', /test\/standin\/bin\/container$/);
    assert.match(version ?? '', /container CLI version/);
    assert.match(sshd.log(), /Accepted publickey for \S+ from 127\.0\.0\.1/);
    assert.doesNotMatch(sshd.log(), /Connection from (?!127\.0\.0\.1 )/);
  });

  it('refuses a client whose pinned host key differs', () => {
    const config = sshd.writeClientConfig({ alias: 'impostor', pinnedHostKey: otherHostKey() });
    const result = ssh(config, 'impostor', ['true']);
    assert.equal(result.status, 255);
    assert.match(
      result.stderr,
      /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/,
    );
  });

  it('can play a remote without container', async () => {
    const bare = await startLoopbackSshd({ remotePath: withoutContainerPath() });
    try {
      const config = bare.writeClientConfig({ alias: 'bare' });
      const result = ssh(config, 'bare', ['container', 'list']);
      assert.equal(result.status, 127);
      assert.match(result.stderr, /container: (command )?not found/);
    } finally {
      await bare.stop();
    }
  });
});
