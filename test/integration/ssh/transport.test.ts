import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { parseContainers } from '../../../src/core/client/parseContainers';
import { envRecord } from '../../../src/core/engine/environment';
import {
  bootstrapInvocation,
  bootstrapResult,
  SshBootstrapError,
  type BootstrapReport,
} from '../../../src/core/ssh/bootstrap';
import { sshEnvironment } from '../../../src/core/ssh/environmentFile';
import { renderSlipwayConfig, type SshHostEntry } from '../../../src/core/ssh/sshConfig';
import { ensureUserInclude, SlipwaySshFiles } from '../../../src/node/ssh/configFiles';
import { ensureKeyPair, type SlipwayKeyPair } from '../../../src/node/ssh/keys';
import {
  cleanScratch,
  container,
  freePort,
  median,
  ODD,
  oddContainerPath,
  ok,
  run,
  SCRATCH,
  sshUntil,
  type Run,
} from './sshHarness';

/**
 * The SSH transport end to end: Slipway's own code makes the key, prepares
 * the container, and writes the SSH config; then only the system `ssh` and
 * `sftp`, reading that config, talk to the container, through `container exec`
 * and loopback only.
 */

const DEBIAN = 'docker.io/library/debian:bookworm';
const BUSYBOX = 'docker.io/library/busybox:latest';
const SUFFIX = Math.random().toString(36).slice(2, 8);
const NAME = `ssh-it-${SUFFIX}`;
const WORKSPACE = path.join(SCRATCH, 'workspace');
const FOLDER = '/workspaces/x';
const FOO = `a b "double" 'single' $HOME \\back`;
const EXTRA_PATH = '/opt/slipway it/bin';
const REMOTE_ENV: Record<string, string> = {
  BAR: `remote "env" it's $PATH`,
  FOO_AGAIN: '  padded  ',
};
const timings: Record<string, number> = {};

let key: SlipwayKeyPair;
let report: BootstrapReport;
let entry: SshHostEntry;
let userConfig: string;

function bootstrap(containerId: string, user: string, environment = ''): Run & { user: string } {
  const invocation = bootstrapInvocation({
    containerId,
    user,
    publicKey: key.publicKey,
    environment,
  });
  return { ...container(invocation.args, { input: invocation.input }), user };
}

function resultOf(runResult: Run & { user: string }): BootstrapReport {
  return bootstrapResult(
    { exitCode: runResult.status ?? -1, stdout: runResult.stdout, stderr: runResult.stderr },
    runResult.user,
  );
}

function ssh(command: string, options: { input?: string; config?: string; alias?: string } = {}) {
  return run(
    'ssh',
    ['-F', options.config ?? userConfig, options.alias ?? entry.alias, command],
    options,
  );
}

function started(name: string, image: string, extra: string[] = []): void {
  ok(container(['run', '-d', '--name', name, ...extra, image, 'sleep', 'infinity']), `run ${name}`);
}

describe('SSH transport over container exec (integration)', function () {
  this.timeout(240_000);
  const made: string[] = [];

  before(async () => {
    for (const program of ['ssh', 'sftp', 'ssh-keygen']) {
      assert.equal(run('/bin/sh', ['-c', `command -v ${program}`]).status, 0, `${program} missing`);
    }
    mkdirSync(WORKSPACE, { recursive: true });
    // The remote user (uid 1000) writes into the bind mount.
    chmodSync(WORKSPACE, 0o777);
    writeFileSync(path.join(WORKSPACE, 'from-host.txt'), 'written on the host\n');
    let at = Date.now();
    started(NAME, DEBIAN, ['-v', `${WORKSPACE}:${FOLDER}`, '-e', `FOO=${FOO}`]);
    made.push(NAME);
    timings.containerRun = Date.now() - at;

    at = Date.now();
    key = await ensureKeyPair(path.join(ODD, 'ssh', 'slipway'));
    timings.keygen = Date.now() - at;

    const [info] = parseContainers(ok(container(['inspect', NAME]), 'inspect'));
    assert.ok(info);
    // remoteEnv as the engine substitutes it: `${containerEnv:PATH}` already filled in.
    REMOTE_ENV.PATH = `${EXTRA_PATH}:${envRecord(info.environment).PATH ?? ''}`;
    const environment = sshEnvironment(info.environment, REMOTE_ENV);
    at = Date.now();
    report = resultOf(bootstrap(NAME, 'vscode', environment.text));
    timings.bootstrap = Date.now() - at;

    const files = new SlipwaySshFiles(path.join(ODD, 'ssh', 'slipway'));
    entry = await files.registerHost({
      containerId: NAME,
      name: NAME,
      user: report.user,
      sshdPath: report.sshdPath,
      containerPath: oddContainerPath(),
      forwardAgent: false,
      hostKey: report.hostKey,
    });
    // The user's own config, with an entry of theirs; Slipway only adds its Include.
    userConfig = path.join(ODD, 'ssh', 'config');
    writeFileSync(userConfig, 'Host mine\n  HostName 127.0.0.1\n  Port 1\n', { mode: 0o600 });
    const include = await ensureUserInclude(userConfig, files.paths.config, path.join(ODD));
    assert.equal(include.changed, true);
  });

  after(() => {
    for (const name of made) {
      container(['delete', '--force', name]);
    }
    cleanScratch();
    console.log(`    timings (ms): ${JSON.stringify(timings)}`);
  });

  it('reports the login, sshd and a host key, and is idempotent', () => {
    assert.equal(report.user, 'vscode');
    assert.equal(report.home, '/home/vscode');
    assert.match(report.hostKey, /^ssh-ed25519 AAAA/);
    assert.equal(report.shell, '/bin/bash');
    assert.deepEqual(report.warnings, []);
    // useradd left "!" (no password, locked); "*" is as password-less and not locked.
    assert.equal(report.unlocked, true);
    const again = resultOf(bootstrap(NAME, '1000', ''));
    assert.equal(again.user, 'vscode', 'a uid resolves to the name');
    assert.equal(again.unlocked, false);
    assert.equal(again.hostKey, report.hostKey);
    const keys = ok(
      ssh('cat ~/.ssh/authorized_keys; stat -c %a ~/.ssh ~/.ssh/authorized_keys'),
      'ssh',
    );
    assert.equal(keys.split('\n').filter((line) => line === key.publicKey).length, 1);
    assert.match(keys, /\n700\n600\n$/);
    // Put the environment back for the tests below (the second run emptied it).
    const [info] = parseContainers(ok(container(['inspect', NAME]), 'inspect'));
    resultOf(bootstrap(NAME, 'vscode', sshEnvironment(info!.environment, REMOTE_ENV).text));
  });

  it('connects as the remote user, through the ProxyCommand only, without a private address', () => {
    const resolved = ok(run('ssh', ['-G', '-F', userConfig, entry.alias]), 'ssh -G');
    assert.match(resolved, new RegExp(`^hostname ${entry.alias}$`, 'm'));
    assert.match(resolved, /^stricthostkeychecking (true|yes)$/m);
    assert.doesNotMatch(
      resolved + readFileSync(userConfig, 'utf8'),
      /\b(10\.\d+|172\.(1[6-9]|2\d|3[01])|192\.168)\.\d+\.\d+/,
    );
    const handshakes: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = ssh('true');
      assert.equal(result.status, 0, result.stderr);
      handshakes.push(result.ms);
    }
    timings.sshMedian = median(handshakes);
    timings.sshFirst = handshakes[0] ?? NaN;
    assert.equal(ok(ssh('id -un'), 'id').trim(), 'vscode');
  });

  it('logs in as root when remoteUser is root, even if the image forbids root logins', () => {
    ok(
      container([
        'exec',
        '-u',
        'root',
        NAME,
        'sh',
        '-c',
        'echo "PermitRootLogin no" > /etc/ssh/sshd_config.d/no-root.conf',
      ]),
      'forbid root',
    );
    const root = resultOf(bootstrap(NAME, 'root'));
    assert.equal(root.home, '/root');
    const config = path.join(ODD, 'config-root');
    writeFileSync(config, renderSlipwayConfig([{ ...entry, user: root.user }]));
    assert.equal(ok(ssh('id -un; pwd', { config }), 'ssh root'), 'root\n/root\n');
  });

  it('lands in the home folder and sees the bind-mounted workspace both ways', () => {
    assert.equal(ok(ssh('pwd'), 'pwd').trim(), '/home/vscode');
    assert.equal(
      ok(ssh(`cd ${FOLDER} && pwd && cat from-host.txt`), 'cat'),
      `${FOLDER}\nwritten on the host\n`,
    );
    ok(ssh(`printf 'written over ssh' > ${FOLDER}/from-ssh.txt`), 'write');
    assert.equal(readFileSync(path.join(WORKSPACE, 'from-ssh.txt'), 'utf8'), 'written over ssh');
  });

  it('gives non-login sessions the container env and remoteEnv, spaces and quotes intact', () => {
    assert.equal(ok(ssh('printf %s "$FOO"'), 'FOO'), FOO);
    assert.equal(ok(ssh('printf %s "$BAR"'), 'BAR'), REMOTE_ENV.BAR);
    assert.equal(ok(ssh('printf %s "$FOO_AGAIN"'), 'FOO_AGAIN'), REMOTE_ENV.FOO_AGAIN);
    assert.equal(ok(ssh('printf %s "$HOME"'), 'HOME'), '/home/vscode');
    assert.equal(ok(ssh('printf %s "$PATH"'), 'PATH'), REMOTE_ENV.PATH);
    // As Remote-SSH starts its server: `bash` reading a script on stdin.
    assert.equal(
      ok(ssh('bash', { input: 'shopt -q login_shell || printf "%s|%s" "$FOO" "$BAR"' }), 'bash'),
      `${FOO}|${REMOTE_ENV.BAR}`,
    );
  });

  it('serves sftp (put and get)', () => {
    const local = path.join(SCRATCH, 'sftp-local.txt');
    const back = path.join(SCRATCH, 'sftp-back.txt');
    writeFileSync(local, 'through sftp\n');
    const batch = path.join(SCRATCH, 'sftp-batch');
    writeFileSync(
      batch,
      `put "${local}" ${FOLDER}/sftp-put.txt\nget ${FOLDER}/from-host.txt "${back}"\n`,
    );
    const result = run('sftp', ['-F', userConfig, '-b', batch, entry.alias]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(path.join(WORKSPACE, 'sftp-put.txt'), 'utf8'), 'through sftp\n');
    assert.equal(readFileSync(back, 'utf8'), 'written on the host\n');
  });

  it("forwards a loopback port to a server on the container's 127.0.0.1", async () => {
    const localPort = await freePort();
    const remotePort = 20_000 + Math.floor(Math.random() * 20_000);
    // perl is in every Debian (perl-base); one connection, then it exits and so does ssh.
    const server =
      `perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", ` +
      `LocalPort => ${remotePort}, Listen => 1, ReuseAddr => 1) or die "listen: $!"; ` +
      `$| = 1; print "listening\\n"; $c = $s->accept; print $c "hello from the container\\n"; close $c'`;
    const session = await sshUntil(
      [
        '-F',
        userConfig,
        '-o',
        'ExitOnForwardFailure=yes',
        '-L',
        `127.0.0.1:${localPort}:127.0.0.1:${remotePort}`,
        entry.alias,
        server,
      ],
      'listening',
    );
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(localPort, '127.0.0.1');
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.equal(reply, 'hello from the container\n');
    const finished = await session.stop();
    assert.equal(finished.status, 0, finished.stderr);
  });

  it('checks the pinned host key: a wrong or missing pin refuses to connect', () => {
    const wrongKnownHosts = path.join(ODD, 'wrong_known_hosts');
    // Slipway's own client key is a valid ed25519 key, and not the container's.
    writeFileSync(
      wrongKnownHosts,
      `${entry.alias} ${key.publicKey.split(' ').slice(0, 2).join(' ')}\n`,
    );
    const emptyKnownHosts = path.join(ODD, 'empty_known_hosts');
    writeFileSync(emptyKnownHosts, '');
    for (const [file, message] of [
      [wrongKnownHosts, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/],
      [emptyKnownHosts, /No ED25519 host key is known|Host key verification failed/],
    ] as const) {
      const config = path.join(ODD, `config-${path.basename(file)}`);
      writeFileSync(config, renderSlipwayConfig([{ ...entry, knownHostsFile: file }]));
      const result = ssh('true', { config });
      assert.equal(result.status, 255);
      assert.match(result.stderr, message);
    }
  });

  it('fails clearly, not by hanging, without sshd and without network or a package manager', () => {
    const offline = `${NAME}-nosshd`;
    // No network (the stand-in never has one; on a Mac, `--network none` takes it away)...
    started(offline, DEBIAN, ['--network', 'none']);
    made.push(offline);
    // ...and no sshd: the image's package purged, so the bootstrap must install it.
    ok(
      container(['exec', '-u', 'root', offline, 'dpkg', '--purge', 'openssh-server']),
      'dpkg --purge',
    );
    let at = Date.now();
    assert.throws(
      () => resultOf(bootstrap(offline, 'vscode')),
      (error: unknown) =>
        error instanceof SshBootstrapError &&
        error.kind === 'install-failed' &&
        /installing openssh-server with apt-get failed/.test(error.message) &&
        /ghcr\.io\/devcontainers\/features\/sshd/.test(error.message),
    );
    timings.offlineFailure = Date.now() - at;
    assert.ok(timings.offlineFailure < 60_000);
    // The policy that kept apt from starting an sshd daemon is gone again.
    assert.equal(container(['exec', offline, 'test', '-e', '/usr/sbin/policy-rc.d']).status, 1);

    const bare = `${NAME}-busybox`;
    started(bare, BUSYBOX);
    made.push(bare);
    at = Date.now();
    assert.throws(
      () => resultOf(bootstrap(bare, 'vscode')),
      (error: unknown) =>
        error instanceof SshBootstrapError &&
        error.kind === 'no-package-manager' &&
        /Add openssh-server to the image, or the sshd Feature/.test(error.message),
    );
    timings.noPackageManagerFailure = Date.now() - at;
  });

  it("runs under busybox's sh (Alpine's shell): user, keys, environment, a locked account", () => {
    const bare = `${NAME}-ash`;
    started(bare, BUSYBOX);
    made.push(bare);
    // Stand-ins for sshd (its -T answer) and ssh-keygen, so the rest of the script runs in ash.
    const fakes = [
      'mkdir -p /usr/sbin /etc/ssh',
      `printf '#!/bin/sh\\necho hostkey /etc/ssh/ssh_host_ed25519_key\\n' > /usr/sbin/sshd`,
      `printf '#!/bin/sh\\necho "%s" > /etc/ssh/ssh_host_ed25519_key.pub\\n' "${report.hostKey}" > /bin/ssh-keygen`,
      'chmod 755 /usr/sbin/sshd /bin/ssh-keygen',
      `printf 'root:*:1:0:::::\\nvscode:!:1:0:99999:7:::\\n' > /etc/shadow`,
      `printf 'no newline at the end' > /home/vscode/.ssh-old`,
    ];
    ok(container(['exec', '-u', 'root', bare, 'sh', '-c', fakes.join(' && ')]), 'fakes');
    const environment = sshEnvironment([`FOO=${FOO}`]).text;
    const first = resultOf(bootstrap(bare, 'vscode', environment));
    assert.deepEqual(
      { user: first.user, home: first.home, unlocked: first.unlocked, warnings: first.warnings },
      { user: 'vscode', home: '/home/vscode', unlocked: true, warnings: ['sftp-missing'] },
    );
    // A key file without a final newline gets one before Slipway's line; a second run adds nothing.
    ok(
      container([
        'exec',
        '-u',
        'root',
        bare,
        'cp',
        '/home/vscode/.ssh-old',
        '/home/vscode/.ssh/authorized_keys',
      ]),
      'old keys',
    );
    assert.equal(resultOf(bootstrap(bare, 'vscode', environment)).unlocked, false);
    resultOf(bootstrap(bare, 'vscode', environment));
    const files = ok(
      container([
        'exec',
        bare,
        'sh',
        '-c',
        'cat /home/vscode/.ssh/authorized_keys /home/vscode/.ssh/environment; grep ^vscode: /etc/shadow',
      ]),
      'read back',
    );
    assert.equal(
      files,
      `no newline at the end\n${key.publicKey}\n${environment}vscode:*:1:0:99999:7:::\n`,
    );
  });
});
