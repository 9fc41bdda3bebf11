import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  chooseLocalHome,
  ensureLocalInclude,
  ensureLocalKey,
  homeFromConfigSetting,
  localIncludeNeeded,
  localSshPaths,
  registerRemoteHost,
  type LocalFiles,
} from '../../../src/core/ssh/localSide';

const HOST_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTmxHjWzjYFfiSpk1kQJcS/Y4ohHaUpWhqimeLimWkY root@c';

/** The user's machine as a map of files, recording the order of writes. */
function memoryFiles(initial: Record<string, string> = {}) {
  const files = new Map(
    Object.entries(initial).map(([file, text]) => [file, new TextEncoder().encode(text)]),
  );
  const writes: string[] = [];
  const api: LocalFiles = {
    read: async (file) => files.get(file),
    write: async (file, content) => {
      writes.push(file);
      files.set(file, content);
    },
  };
  const text = (file: string) => new TextDecoder().decode(files.get(file));
  return { api, writes, text, has: (file: string) => files.has(file) };
}

const paths = localSshPaths('/Users/me');

describe("the user's side of a container on another Mac", () => {
  it('keeps Slipway’s files in ~/.ssh/slipway on the user’s machine', () => {
    assert.equal(paths.privateKey, '/Users/me/.ssh/slipway/id_ed25519');
    assert.equal(paths.config, '/Users/me/.ssh/slipway/config');
  });

  it('uses the key already on the user’s machine and makes none', async () => {
    const local = memoryFiles({
      [paths.privateKey]: 'PRIVATE',
      [paths.publicKey]: 'ssh-ed25519 AAAA slipway\n',
    });
    const key = await ensureLocalKey(local.api, paths, async () => {
      throw new Error('no key should be made');
    });
    assert.equal(key, 'ssh-ed25519 AAAA slipway');
    assert.deepEqual(local.writes, []);
  });

  it('writes a key made elsewhere when there is none, the private half first', async () => {
    const local = memoryFiles();
    const key = await ensureLocalKey(local.api, paths, async () => ({
      privateKey: new TextEncoder().encode('PRIVATE'),
      publicKey: 'ssh-ed25519 BBBB slipway',
    }));
    assert.equal(key, 'ssh-ed25519 BBBB slipway');
    assert.deepEqual(local.writes, [paths.privateKey, paths.publicKey]);
    assert.equal(local.text(paths.publicKey), 'ssh-ed25519 BBBB slipway\n');
  });

  it('never replaces a private key whose .pub is lost, and says how to restore it', async () => {
    const local = memoryFiles({ [paths.privateKey]: 'PRIVATE' });
    await assert.rejects(
      ensureLocalKey(local.api, paths, async () => ({
        privateKey: new Uint8Array(),
        publicKey: 'x',
      })),
      /ssh-keygen -y -f "\/Users\/me\/.ssh\/slipway\/id_ed25519"/,
    );
    assert.deepEqual(local.writes, []);
  });

  it('pins the host key before writing the entry that jumps through the Mac', async () => {
    const local = memoryFiles();
    const entry = await registerRemoteHost(local.api, paths, {
      containerId: 'proj-1234abcd',
      name: 'proj-1234abcd',
      user: 'vscode',
      containerPath: '/usr/local/bin/container',
      forwardAgent: false,
      hostKey: HOST_KEY,
      jump: { host: 'mac-studio' },
    });
    assert.equal(entry.alias, 'slipway-mac-studio-proj-1234abcd');
    assert.equal(entry.identityFile, paths.privateKey);
    assert.deepEqual(local.writes, [paths.knownHosts, paths.config]);
    assert.match(local.text(paths.knownHosts), /^slipway-mac-studio-proj-1234abcd ssh-ed25519 /);
    assert.match(local.text(paths.config), /ProxyCommand \/bin\/sh -c .* ssh -T .* mac-studio /);
    // Registered again (a rebuild): the same alias, one entry.
    const again = await registerRemoteHost(local.api, paths, {
      containerId: 'proj-1234abcd',
      name: 'renamed',
      user: 'vscode',
      containerPath: '/usr/local/bin/container',
      forwardAgent: false,
      hostKey: HOST_KEY,
      jump: { host: 'mac-studio' },
    });
    assert.equal(again.alias, entry.alias);
    assert.equal(local.text(paths.config).match(/^Host /gm)?.length, 1);
  });

  it('adds the Include once, keeping the user’s config and a backup of it', async () => {
    const userConfig = '/Users/me/.ssh/config';
    const local = memoryFiles({ [userConfig]: 'Host mac-studio\n  HostName 10.0.0.2\n' });
    assert.equal(await localIncludeNeeded(local.api, userConfig, paths.config, '/Users/me'), true);
    const outcome = await ensureLocalInclude(local.api, userConfig, paths.config, '/Users/me');
    assert.deepEqual(outcome, { changed: true, backupFile: `${userConfig}.slipway-backup` });
    assert.match(
      local.text(userConfig),
      /^# Added by Slipway.*\nInclude "\/Users\/me\/.ssh\/slipway\/config"\n\nHost mac-studio\n/,
    );
    assert.equal(
      local.text(`${userConfig}.slipway-backup`),
      'Host mac-studio\n  HostName 10.0.0.2\n',
    );
    assert.equal(await localIncludeNeeded(local.api, userConfig, paths.config, '/Users/me'), false);
    assert.deepEqual(await ensureLocalInclude(local.api, userConfig, paths.config, '/Users/me'), {
      changed: false,
    });
  });

  it('finds the user’s home on their machine', () => {
    const knows = (config: string) => config.includes('mac-studio');
    assert.equal(
      chooseLocalHome(
        [{ home: '/Users/me', sshConfig: 'Host mac-studio' }, { home: '/Users/Shared' }],
        knows,
      ),
      '/Users/me',
    );
    assert.equal(chooseLocalHome([{ home: '/home/me' }], knows), '/home/me');
    assert.equal(chooseLocalHome([{ home: '/Users/a' }, { home: '/Users/b' }], knows), undefined);
    assert.equal(homeFromConfigSetting('/Users/me/.ssh/work_config'), '/Users/me');
    assert.equal(homeFromConfigSetting('~/.ssh/config'), undefined);
  });
});
