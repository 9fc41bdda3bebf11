import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'mocha';
import {
  hostLabel,
  jumpArgv,
  jumpHostFromAuthority,
  macAliasCandidates,
} from '../../../src/core/ssh/jumpHost';
import {
  aliasOfContainer,
  parseSlipwayConfig,
  proxyCommandArgv,
  renderHostBlock,
  upsertEntry,
  type SshHostEntry,
} from '../../../src/core/ssh/sshConfig';

const hex = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('hex');

const ENTRY: SshHostEntry = {
  alias: 'slipway-mac-studio-proj',
  containerId: 'proj-1234abcd',
  user: 'vscode',
  identityFile: '/Users/me/.ssh/slipway/id_ed25519',
  knownHostsFile: '/Users/me/.ssh/slipway/known_hosts',
  containerPath: '/usr/local/bin/container',
  forwardAgent: true,
  jump: { host: 'mac-studio' },
};

/** What /bin/sh makes of a command line: its words, one per element. */
function shellWords(commandLine: string): string[] {
  const out = execFileSync('/bin/sh', [
    '-c',
    `set -- ${commandLine}; for a in "$@"; do printf '%s\\0' "$a"; done`,
  ]).toString();
  return out.split('\0').slice(0, -1);
}

describe('the window on another Mac: the jump host', () => {
  it('reads the Mac from the window authority, in each form Remote-SSH writes it', () => {
    assert.deepEqual(jumpHostFromAuthority('ssh-remote+mac-studio'), { host: 'mac-studio' });
    assert.deepEqual(
      jumpHostFromAuthority(
        `ssh-remote+${hex({ hostName: 'Mac-Studio', user: 'me', port: 2222 })}`,
      ),
      { host: 'Mac-Studio', user: 'me', port: 2222 },
    );
    // open-remote-ssh escapes capitals.
    assert.deepEqual(jumpHostFromAuthority('ssh-remote+mac-\\x53tudio'), { host: 'mac-Studio' });
  });

  it('is no jump host for a local window, another remote, a Slipway container or a hostile name', () => {
    assert.equal(jumpHostFromAuthority(undefined), undefined);
    assert.equal(jumpHostFromAuthority('wsl+Ubuntu'), undefined);
    assert.equal(jumpHostFromAuthority('ssh-remote+slipway-proj'), undefined);
    assert.equal(jumpHostFromAuthority('ssh-remote+-oProxyCommand=touch'), undefined);
    assert.equal(jumpHostFromAuthority(`ssh-remote+${hex({ hostName: 'a b' })}`), undefined);
  });

  it('labels the Mac for the views', () => {
    assert.equal(hostLabel({ host: 'mac-studio' }), 'on mac-studio');
    assert.equal(hostLabel(undefined), undefined);
  });

  it("quotes the container exec for the Mac's shell, inside the ProxyCommand for this machine's", () => {
    const argv = proxyCommandArgv({ ...ENTRY, containerPath: "/Users/o'neil/bin/container" });
    // The key made 0600 here first, then the user's ssh to the Mac's alias.
    assert.deepEqual(argv.slice(0, 4), [
      '/bin/sh',
      '-c',
      'chmod 600 "$0" 2>/dev/null; exec "$@"',
      ENTRY.identityFile,
    ]);
    const ssh = argv.slice(4);
    assert.equal(ssh[0], 'ssh');
    assert.ok(ssh.includes('-T') && ssh.includes('ClearAllForwardings=yes'));
    assert.equal(ssh.at(-2), 'mac-studio');
    assert.equal(ssh.at(-3), '--');
    // The Mac's login shell gets back exactly the exec's arguments.
    const onMac = shellWords(ssh.at(-1)!);
    assert.deepEqual(onMac.slice(0, 6), [
      "/Users/o'neil/bin/container",
      'exec',
      '-i',
      '-u',
      'root',
      'proj-1234abcd',
    ]);
    assert.deepEqual(onMac.slice(6, 9), ['/usr/sbin/sshd', '-i', '-e']);
  });

  it('writes the ProxyCommand line that sh turns back into that argv, % doubled', () => {
    const block = renderHostBlock({ ...ENTRY, jump: { host: 'mac-studio', port: 2222 } });
    const line = /^ {2}ProxyCommand (.*)$/m.exec(block)?.[1];
    assert.ok(line);
    const expected = proxyCommandArgv({ ...ENTRY, jump: { host: 'mac-studio', port: 2222 } });
    assert.deepEqual(shellWords(line.replace(/%%/g, '%')), expected);
    assert.match(block, /^# >>> slipway-mac-studio-proj container=proj-1234abcd@mac-studio$/m);
  });

  it('passes the config, user, port and ssh of the window to the jump', () => {
    const argv = jumpArgv(
      {
        host: 'mac-studio',
        user: 'me',
        port: 2222,
        configFile: '/Users/me/.ssh/work config',
        sshProgram: '/opt/ssh/bin/ssh',
      },
      'true',
    );
    assert.equal(argv[0], '/opt/ssh/bin/ssh');
    const at = (flag: string) => argv[argv.indexOf(flag) + 1];
    assert.equal(at('-F'), '/Users/me/.ssh/work config');
    assert.equal(at('-l'), 'me');
    assert.equal(at('-p'), '2222');
    assert.throws(() => jumpArgv({ host: '-oProxyCommand=x' }, 'true'), /not an SSH host/);
  });

  it('keeps a container on the Mac apart from one with the same ID on this machine', () => {
    const local: SshHostEntry = { ...ENTRY, alias: 'slipway-proj', jump: undefined };
    delete local.jump;
    const both = upsertEntry(upsertEntry('', local), ENTRY);
    assert.deepEqual(
      parseSlipwayConfig(both).map((entry) => entry.alias),
      ['slipway-proj', 'slipway-mac-studio-proj'],
    );
    assert.equal(aliasOfContainer(both, 'proj-1234abcd'), 'slipway-proj');
    assert.equal(aliasOfContainer(both, 'proj-1234abcd@mac-studio'), 'slipway-mac-studio-proj');
  });

  it("finds the Mac's alias in the user's config by its name or address", () => {
    const config = [
      'Host *',
      '  ServerAliveInterval 30',
      'Host studio mac-studio-alt',
      '  HostName Mac-Studio.local',
      'Host build',
      '  HostName 10.0.0.7',
      'Host laptop-*',
      '  User me',
      'Host mini',
    ].join('\n');
    assert.deepEqual(macAliasCandidates(config, { hostname: 'Mac-Studio.local' }), {
      matching: ['studio', 'mac-studio-alt'],
      others: ['build', 'mini'],
    });
    assert.deepEqual(
      macAliasCandidates(config, { hostname: 'ci-box', address: '10.0.0.7' }).matching,
      ['build'],
    );
    // An alias that is the Mac's short name, with no HostName.
    assert.deepEqual(macAliasCandidates(config, { hostname: 'mini.local' }).matching, ['mini']);
  });
});
