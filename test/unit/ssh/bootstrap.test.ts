import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'mocha';
import {
  BOOTSTRAP_EXIT,
  BOOTSTRAP_SCRIPT,
  bootstrapFailure,
  bootstrapInvocation,
  bootstrapResult,
  bootstrapWarnings,
  parseBootstrapOutput,
  SshBootstrapError,
} from '../../../src/core/ssh/bootstrap';
import { sshEnvironment } from '../../../src/core/ssh/environmentFile';
import { SSHD_OPTIONS } from '../../../src/core/ssh/sshConfig';

const PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDrl5GQBBNEaNBPG9r1OHOXQAnvCMSNv0/453P4lB7aG slipway';
const HOST_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY root@c';
const OK_OUTPUT = [
  'sshd=/usr/sbin/sshd',
  'user=vscode',
  'home=/home/vscode',
  `hostkey=${HOST_KEY}`,
  'ready=1',
  '',
].join('\n');

describe('SSH bootstrap', () => {
  it('runs the script from stdin as root, with every value outside the script text', () => {
    const environment = 'FOO=a \'b\' "c" $d\n';
    const invocation = bootstrapInvocation({
      containerId: 'app-1',
      user: "o'hara",
      publicKey: `${PUBLIC_KEY}\n`,
      environment,
    });
    assert.deepEqual(invocation.args, [
      'exec',
      '-i',
      '-u',
      'root',
      '-e',
      `SLIPWAY_SSH_ENVIRONMENT=${environment}`,
      'app-1',
      '/bin/sh',
      '-s',
      '--',
      "o'hara",
      PUBLIC_KEY,
      ...SSHD_OPTIONS,
    ]);
    assert.equal(invocation.input, BOOTSTRAP_SCRIPT);
    assert.doesNotMatch(invocation.args.join(' '), / -t /);
    assert.throws(
      () =>
        bootstrapInvocation({
          containerId: 'a',
          user: 'u',
          publicKey: `${PUBLIC_KEY}\nmore`,
          environment: '',
        }),
      /one line/,
    );
  });

  it('is valid POSIX sh for dash and busybox', () => {
    for (const shell of [['/bin/sh'], ['/usr/bin/dash'], ['/usr/bin/busybox', 'sh']]) {
      if (!existsSync(shell[0]!)) {
        continue;
      }
      const check = spawnSync(shell[0]!, [...shell.slice(1), '-n'], {
        input: BOOTSTRAP_SCRIPT,
        encoding: 'utf8',
      });
      assert.equal(check.status, 0, `${shell.join(' ')}: ${check.stderr}`);
    }
  });

  it('tries every package manager, and keeps stdin away from them', () => {
    for (const manager of ['apt-get', 'apk', 'dnf', 'microdnf', 'yum', 'zypper', 'pacman']) {
      assert.match(BOOTSTRAP_SCRIPT, new RegExp(`has ${manager};`));
    }
    assert.match(BOOTSTRAP_SCRIPT, /\nmain "\$@" <\/dev\/null\n$/);
  });

  it('parses what a successful run prints', () => {
    assert.deepEqual(parseBootstrapOutput(`installing=apk\nwarning=sftp-missing\n${OK_OUTPUT}`), {
      sshdPath: '/usr/sbin/sshd',
      user: 'vscode',
      home: '/home/vscode',
      shell: '/bin/sh',
      hostKey: HOST_KEY,
      installedWith: 'apk',
      warnings: ['sftp-missing'],
      unlocked: false,
    });
    const full = parseBootstrapOutput(
      `shell=/usr/sbin/nologin\nunlocked=1\nwarning=no-login-shell\n${OK_OUTPUT}`,
    );
    assert.equal(full?.unlocked, true);
    assert.deepEqual(bootstrapWarnings(full!), [
      'The login shell of "vscode" is /usr/sbin/nologin, which refuses sessions. Give the user a real shell (for example /bin/bash) in the image.',
    ]);
    assert.equal(parseBootstrapOutput(OK_OUTPUT.replace('ready=1\n', '')), undefined);
    assert.equal(parseBootstrapOutput(OK_OUTPUT.replace(/hostkey=.*\n/, '')), undefined);
    assert.equal(
      bootstrapResult({ exitCode: 0, stdout: OK_OUTPUT, stderr: '' }, 'vscode').user,
      'vscode',
    );
  });

  it('explains each failure with what to do', () => {
    const failure = (exitCode: number, stdout = '', stderr = '') =>
      bootstrapFailure({ exitCode, stdout, stderr }, 'vscode');
    const sshdFix =
      /add openssh-server to the image, or the sshd Feature \(ghcr\.io\/devcontainers\/features\/sshd\)/i;

    const none = failure(BOOTSTRAP_EXIT.noPackageManager, 'error=no-package-manager\n');
    assert.equal(none.kind, 'no-package-manager');
    assert.match(none.message, /no SSH server \(sshd\), and no package manager/);
    assert.match(none.message, sshdFix);

    const offline = failure(
      BOOTSTRAP_EXIT.installFailed,
      'installing=apt-get\nerror=install-failed\n',
      "Temporary failure resolving 'deb.debian.org'\nE: Package 'openssh-server' has no installation candidate\n",
    );
    assert.equal(offline.kind, 'install-failed');
    assert.match(offline.message, /installing openssh-server with apt-get failed/);
    assert.match(offline.message, /no network/);
    assert.match(offline.message, sshdFix);
    assert.match(offline.message, /has no installation candidate/);

    assert.match(failure(BOOTSTRAP_EXIT.noSshdAfterInstall).message, sshdFix);
    assert.match(
      failure(BOOTSTRAP_EXIT.unknownUser).message,
      /"vscode" does not exist.*remoteUser/,
    );
    assert.match(
      failure(BOOTSTRAP_EXIT.sshdConfig, '', 'Bad option').message,
      /sshd_config[\s\S]*Bad option/,
    );
    assert.equal(failure(127).kind, 'no-shell');
    assert.match(
      failure(1, '', 'container not running').message,
      /exit 1[\s\S]*container not running/,
    );
    assert.equal(failure(0, 'sshd=/x\n').kind, 'incomplete');
    assert.throws(
      () => bootstrapResult({ exitCode: 84, stdout: '', stderr: '' }, 'vscode'),
      (error: unknown) => error instanceof SshBootstrapError && error.exitCode === 84,
    );
  });
});

describe('environment for SSH sessions', () => {
  it('takes the container environment, remoteEnv on top, values verbatim', () => {
    const result = sshEnvironment(
      [
        'PATH=/usr/local/bin:/usr/bin',
        'FOO=a b "c" \'d\' $e',
        'HOME=/root',
        'GONE=1',
        'HOSTNAME=x',
      ],
      { BAR: '  spaced  ', GONE: null, PATH: '/opt/bin:/usr/local/bin:/usr/bin' },
    );
    assert.equal(
      result.text,
      [
        '# Written by Slipway: the dev container environment for SSH sessions.',
        'PATH=/opt/bin:/usr/local/bin:/usr/bin',
        'FOO=a b "c" \'d\' $e',
        'BAR=  spaced  ',
        '',
      ].join('\n'),
    );
    assert.deepEqual(result.skipped, []);
  });

  it('leaves out what the file cannot hold, and names it', () => {
    const result = sshEnvironment(['MULTI=a\nb', 'BAD-NAME=x', 'SSH_AUTH_SOCK=/x', 'OK=1']);
    assert.deepEqual(result.skipped, ['MULTI']);
    assert.equal(result.text.split('\n').slice(1).join('\n'), 'OK=1\n');
  });
});
