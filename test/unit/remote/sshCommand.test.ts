import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  controlPath,
  remoteCommandLine,
  sshArgs,
  sshExitArgs,
} from '../../../src/core/remote/sshCommand';

const OPTIONS = { controlDir: '/Users/me/.slipway/cm', controlPersistSeconds: 60, tty: false };

/** What a POSIX shell makes of the line: the argv, each printed NUL-terminated. */
function shellSplit(line: string): string[] {
  const result = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\0').slice(0, -1);
}

describe('the ssh command line for --host', () => {
  it('shares one connection, never prompts, and ends options before the host', () => {
    const args = sshArgs(
      { host: 'mac', user: 'me', port: 2222, label: 'me@mac:2222' },
      ['container', 'list'],
      OPTIONS,
    );
    assert.deepEqual(args, [
      '-o',
      'BatchMode=yes',
      '-o',
      'ControlMaster=auto',
      '-o',
      'ControlPath=/Users/me/.slipway/cm/%C',
      '-o',
      'ControlPersist=60',
      '-o',
      'ConnectTimeout=15',
      '-o',
      'ServerAliveInterval=15',
      '-p',
      '2222',
      '-l',
      'me',
      '-T',
      '--',
      'mac',
      'container list',
    ]);
    const withConfig = sshArgs({ host: 'mac', label: 'mac' }, ['x'], {
      ...OPTIONS,
      configFile: '/c',
      tty: true,
    });
    assert.deepEqual(withConfig.slice(0, 2), ['-F', '/c']);
    assert.ok(withConfig.includes('-tt'));
  });

  it('quotes the socket folder for ssh_config but keeps the %C token', () => {
    assert.equal(controlPath('/Users/me/My State 100%'), '"/Users/me/My State 100%%/%C"');
    assert.throws(() => controlPath('/x/${HOME}'), /SLIPWAY_SSH_DIR|environment variable/);
  });

  it('asks the master to exit without a command', () => {
    const args = sshExitArgs({ host: 'mac', label: 'mac' }, { ...OPTIONS, tty: false });
    assert.deepEqual(args.slice(-4), ['-O', 'exit', '--', 'mac']);
    assert.ok(!args.includes('-T'));
  });

  it('every argv survives the remote shell whole (round trip through /bin/sh)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/\0/g, '')),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (argv) => {
          assert.deepEqual(shellSplit(remoteCommandLine(argv)), argv);
        },
      ),
      { numRuns: 150 },
    );
    const nasty = [`it's`, '"$HOME"', '`id`', '$(id)', '*', 'a b', '', ';rm -rf /', '\n', '\\'];
    assert.deepEqual(shellSplit(remoteCommandLine(nasty)), nasty);
  });
});
