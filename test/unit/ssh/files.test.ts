import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import { parseSlipwayConfig } from '../../../src/core/ssh/sshConfig';
import {
  ensureUserInclude,
  SlipwaySshFiles,
  userIncludeNeeded,
  userSshConfigPath,
} from '../../../src/node/ssh/configFiles';
import { ensureKeyPair, readPublicKey, slipwaySshDir } from '../../../src/node/ssh/keys';

const HOST_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY root@c';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('Slipway SSH files on disk', function () {
  this.timeout(20_000);
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-ssh-files-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates the key pair once, 0700/0600, even when asked twice at the same time', async () => {
    const dir = path.join(scratch, 'home', '.ssh', 'slipway');
    const [first, second] = await Promise.all([ensureKeyPair(dir), ensureKeyPair(dir)]);
    assert.equal(first.publicKey, second.publicKey);
    assert.match(first.publicKey, /^ssh-ed25519 AAAA\S+ slipway$/);
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(path.join(scratch, 'home', '.ssh')), 0o700);
    assert.equal(mode(first.privateKey), 0o600);
    assert.equal(mode(first.publicKeyFile), 0o600);
    assert.equal((await ensureKeyPair(dir)).publicKey, first.publicKey);
    assert.equal(await readPublicKey(dir), first.publicKey);

    rmSync(first.publicKeyFile);
    assert.equal((await ensureKeyPair(dir)).publicKey.split(' ')[1], first.publicKey.split(' ')[1]);
    assert.equal(slipwaySshDir({ SLIPWAY_SSH_DIR: dir }), dir);
  });

  it('registers and removes hosts, pinning their keys', async () => {
    const files = new SlipwaySshFiles(path.join(scratch, 'registry'));
    const common = {
      user: 'vscode',
      containerPath: '/usr/local/bin/container',
      forwardAgent: false,
      hostKey: HOST_KEY,
    };
    const [app, twin] = await Promise.all([
      files.registerHost({ ...common, containerId: 'app-1', name: 'app' }),
      files.registerHost({ ...common, containerId: 'app-2', name: 'App' }),
    ]);
    assert.deepEqual([app.alias, twin.alias].sort(), ['slipway-app', 'slipway-app-2']);
    assert.equal(app.identityFile, files.paths.privateKey);
    assert.equal(mode(files.paths.config), 0o600);
    assert.equal(mode(files.paths.knownHosts), 0o600);
    const again = await files.registerHost({ ...common, containerId: 'app-1', name: 'other' });
    assert.equal(again.alias, app.alias);
    assert.equal(parseSlipwayConfig(readFileSync(files.paths.config, 'utf8')).length, 2);
    assert.equal(readFileSync(files.paths.knownHosts, 'utf8').split('\n').length, 3);

    assert.equal(await files.removeContainer('app-1'), true);
    assert.equal(await files.removeContainer('app-1'), false);
    assert.equal(await files.aliasOf('app-2'), twin.alias);
    assert.doesNotMatch(
      readFileSync(files.paths.knownHosts, 'utf8'),
      new RegExp(`^${app.alias} `, 'm'),
    );
  });

  it("adds the Include to the user's config once, with one backup of the original", async () => {
    const home = path.join(scratch, 'user');
    const config = userSshConfigPath(undefined, home);
    assert.equal(config, path.join(home, '.ssh', 'config'));
    assert.equal(userSshConfigPath('~/other/config', home), path.join(home, 'other', 'config'));

    const created = await ensureUserInclude(config, '/x/slipway/config', home);
    assert.deepEqual(created, { changed: true });
    assert.equal(mode(config), 0o600);
    assert.equal(mode(path.dirname(config)), 0o700);

    const original = 'Host a\r\n  User b';
    writeFileSync(config, original);
    chmodSync(config, 0o644);
    const changed = await ensureUserInclude(config, '/x/slipway/config', home);
    assert.equal(changed.backupFile, `${config}.slipway-backup`);
    assert.equal(readFileSync(`${config}.slipway-backup`, 'utf8'), original);
    assert.equal(mode(`${config}.slipway-backup`), 0o600);
    assert.equal(mode(config), 0o644, "the user's mode is kept");
    assert.ok(readFileSync(config, 'utf8').endsWith(original));
    assert.deepEqual(await ensureUserInclude(config, '/x/slipway/config', home), {
      changed: false,
    });

    writeFileSync(config, 'Host c\n');
    await ensureUserInclude(config, '/x/slipway/config', home);
    assert.equal(
      readFileSync(`${config}.slipway-backup`, 'utf8'),
      original,
      'the first backup stays',
    );
  });

  it('keeps a linked config a link and changes its target', async () => {
    const home = path.join(scratch, 'linked');
    mkdirSync(path.join(home, 'dotfiles'), { recursive: true });
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    const target = path.join(home, 'dotfiles', 'ssh_config');
    writeFileSync(target, 'Host d\n');
    const link = path.join(home, '.ssh', 'config');
    symlinkSync(target, link);
    await ensureUserInclude(link, '/x/slipway/config', home);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.match(
      readFileSync(target, 'utf8'),
      /^# Added by Slipway[^\n]*\nInclude "\/x\/slipway\/config"\n\nHost d\n$/,
    );
  });

  it('keeps bytes that are not UTF-8 in the user’s config byte for byte', async () => {
    const home = path.join(scratch, 'latin1');
    const config = userSshConfigPath(undefined, home);
    mkdirSync(path.dirname(config), { recursive: true });
    const original = Buffer.concat([
      Buffer.from('# M'),
      Buffer.from([0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]), // "Müller" in Latin-1
      Buffer.from('Host a\n  User b\n'),
    ]);
    writeFileSync(config, original);
    assert.equal(await userIncludeNeeded(config, '/x/slipway/config', home), true);
    await ensureUserInclude(config, '/x/slipway/config', home);
    const after = readFileSync(config);
    assert.ok(after.subarray(-original.length).equals(original), 'no U+FFFD, no change');
    assert.ok(readFileSync(`${config}.slipway-backup`).equals(original));
    assert.equal(await userIncludeNeeded(config, '/x/slipway/config', home), false);
  });

  it('stops at a dangling or looping config link instead of replacing it with a file', async () => {
    const home = path.join(scratch, 'dangling');
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    const link = path.join(home, '.ssh', 'config');
    const missing = path.join(home, 'dotfiles', 'ssh_config');
    symlinkSync(missing, link);
    for (const attempt of [
      () => ensureUserInclude(link, '/x/slipway/config', home),
      () => userIncludeNeeded(link, '/x/slipway/config', home),
    ]) {
      await assert.rejects(attempt(), (error: Error) => {
        assert.equal(error.name, 'SlipwayConfigError');
        assert.ok(error.message.includes(link), 'names the link');
        assert.ok(error.message.includes(missing), 'names where it points');
        assert.match(error.message, /does not exist/);
        assert.match(error.message, /Include "\/x\/slipway\/config"/);
        return true;
      });
    }
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(existsSync(missing), false, 'nothing was created behind it');

    const loop = path.join(home, '.ssh', 'loop');
    symlinkSync(path.join(home, '.ssh', 'loop2'), loop);
    symlinkSync(loop, path.join(home, '.ssh', 'loop2'));
    await assert.rejects(ensureUserInclude(loop, '/x/slipway/config', home), /loops back/);
    assert.ok(lstatSync(loop).isSymbolicLink());
    assert.deepEqual(readdirSync(path.join(home, '.ssh')).sort(), ['config', 'loop', 'loop2']);
  });
});
