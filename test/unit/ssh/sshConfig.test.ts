import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'mocha';
import { baseAlias, uniqueAlias } from '../../../src/core/ssh/alias';
import { splitConfigArgs } from '../../../src/core/ssh/include';
import {
  aliasOfContainer,
  chooseAlias,
  parseSlipwayConfig,
  proxyCommand,
  proxyCommandArgv,
  removeEntry,
  renderHostBlock,
  renderSlipwayConfig,
  upsertEntry,
  type SshHostEntry,
} from '../../../src/core/ssh/sshConfig';

function entry(overrides: Partial<SshHostEntry> = {}): SshHostEntry {
  return {
    alias: 'slipway-app',
    containerId: 'app-1234abcd',
    user: 'vscode',
    identityFile: '/Users/me/.ssh/slipway/id_ed25519',
    knownHostsFile: '/Users/me/.ssh/slipway/known_hosts',
    containerPath: '/usr/local/bin/container',
    forwardAgent: false,
    ...overrides,
  };
}

/** The value of a directive in a rendered block, as ssh's tokenizer reads it. */
function directive(block: string, name: string): string[] {
  const line = block.split('\n').find((candidate) => candidate.trim().startsWith(`${name} `));
  assert.ok(line, name);
  return splitConfigArgs(line.trim().slice(name.length + 1));
}

/** What `/bin/sh -c` makes of the ProxyCommand after ssh expands `%%`: one argument per line. */
function shellWords(command: string): string[] {
  const run = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${command.replace(/%%/g, '%')}`], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\0').slice(0, -1);
}

describe('SSH host entries', () => {
  it('renders one Host block with everything a Remote-SSH window needs', () => {
    assert.equal(
      renderHostBlock(entry({ forwardAgent: true })),
      [
        '# >>> slipway-app container=app-1234abcd',
        'Host slipway-app',
        '  HostName slipway-app',
        '  User vscode',
        '  IdentityFile /Users/me/.ssh/slipway/id_ed25519',
        '  IdentitiesOnly yes',
        '  PreferredAuthentications publickey',
        '  ProxyCommand /usr/local/bin/container exec -i -u root app-1234abcd /usr/sbin/sshd -i -e' +
          ' -o LogLevel=ERROR -o PermitUserEnvironment=yes -o StrictModes=no' +
          ' -o AllowTcpForwarding=yes -o AuthorizedKeysFile=.ssh/authorized_keys' +
          ' -o PermitRootLogin=prohibit-password',
        '  ServerAliveInterval 15',
        '  ServerAliveCountMax 4',
        '  ConnectTimeout 30',
        '  ForwardAgent yes',
        '  UserKnownHostsFile /Users/me/.ssh/slipway/known_hosts',
        '  HostKeyAlias slipway-app',
        '  HostKeyAlgorithms ssh-ed25519',
        '  StrictHostKeyChecking yes',
        '# <<< slipway-app',
      ].join('\n'),
    );
    assert.match(renderHostBlock(entry()), /ForwardAgent no/);
    assert.doesNotMatch(renderHostBlock(entry()), / -t /);
  });

  it('shell-quotes every ProxyCommand argument that needs it, for spaces, quotes and $', () => {
    const odd = entry({
      containerPath: `/Applications/My "Tools"/it's $HOME \`x\` 100%/container`,
      containerId: 'a$b',
      sshdPath: '/opt/ssh d/sshd',
    });
    assert.deepEqual(shellWords(proxyCommand(odd)), proxyCommandArgv(odd));
    assert.equal(proxyCommandArgv(odd)[0], odd.containerPath);
    // ssh_config takes the rest of the line as it is: the quotes are the shell's.
    assert.match(renderHostBlock(odd), /ProxyCommand '\/Applications\/My "Tools"\/it'\\''s /);
    assert.match(renderHostBlock(odd), / 100%%\/container' /);
  });

  it('double-quotes paths for ssh_config, doubling % and escaping quotes', () => {
    const odd = entry({
      identityFile: `/Users/Jo "J" O'Neil/100%/.ssh/slipway/id_ed25519`,
      knownHostsFile: '/Users/Jo Smith/$x/known_hosts',
    });
    const block = renderHostBlock(odd);
    assert.deepEqual(directive(block, 'IdentityFile'), [
      `/Users/Jo "J" O'Neil/100%%/.ssh/slipway/id_ed25519`,
    ]);
    assert.deepEqual(directive(block, 'UserKnownHostsFile'), ['/Users/Jo Smith/$x/known_hosts']);
  });

  it('refuses what ssh would misread, saying what to do', () => {
    assert.throws(
      () => renderHostBlock(entry({ identityFile: '/x/${HOME}/key' })),
      /SLIPWAY_SSH_DIR/,
    );
    assert.throws(() => renderHostBlock(entry({ user: 'my user' })), /remoteUser/);
    assert.throws(() => renderHostBlock(entry({ alias: 'Slipway-App' })), /alias/);
    assert.throws(() => renderHostBlock(entry({ containerId: '-rf' })), /container ID/);
  });
});

describe('Slipway config file', () => {
  const one = entry();
  const two = entry({ alias: 'slipway-api', containerId: 'api-5678' });

  it('adds, replaces and removes one entry, leaving the others byte for byte', () => {
    let text = upsertEntry('', one);
    text = upsertEntry(text, two);
    assert.equal(text, renderSlipwayConfig([one, two]));
    assert.deepEqual(
      parseSlipwayConfig(text).map((parsed) => parsed.alias),
      ['slipway-app', 'slipway-api'],
    );
    const replaced = upsertEntry(text, { ...one, user: 'root' });
    assert.equal(parseSlipwayConfig(replaced).length, 2);
    assert.match(replaced, /Host slipway-app\n {2}HostName slipway-app\n {2}User root/);
    assert.ok(replaced.includes(renderHostBlock(two)));

    const removed = removeEntry(text, 'slipway-app');
    assert.equal(removed, renderSlipwayConfig([two]));
    assert.doesNotMatch(removed, /slipway-app/);
    assert.equal(removeEntry(removed, 'slipway-nothing'), removed);
  });

  it('replaces the entry of the same container under a new alias', () => {
    const text = upsertEntry(upsertEntry('', one), { ...one, alias: 'slipway-renamed' });
    assert.deepEqual(
      parseSlipwayConfig(text).map((parsed) => parsed.alias),
      ['slipway-renamed'],
    );
  });

  it('keeps a container its alias, and gives a new one a unique alias', () => {
    const text = renderSlipwayConfig([one, two]);
    assert.equal(aliasOfContainer(text, 'api-5678'), 'slipway-api');
    assert.equal(chooseAlias(text, 'api-5678', 'Something Else'), 'slipway-api');
    assert.equal(chooseAlias(text, 'other-1', 'App'), 'slipway-app-2');
    assert.equal(chooseAlias(text, 'other-2', 'web'), 'slipway-web');
  });

  it('reads CRLF and ignores a block without its end marker', () => {
    const text = renderSlipwayConfig([one]).replace(/\n/g, '\r\n');
    assert.equal(parseSlipwayConfig(text).length, 1);
    assert.equal(parseSlipwayConfig('# >>> slipway-x container=x\nHost slipway-x\n').length, 0);
  });
});

describe('aliases', () => {
  it('are lowercase, [a-z0-9-], and unique', () => {
    assert.equal(baseAlias('My App_2.0'), 'slipway-my-app-2-0');
    assert.equal(baseAlias('ÜÖ'), 'slipway-container');
    assert.equal(baseAlias('--'), 'slipway-container');
    assert.equal(uniqueAlias('App', []), 'slipway-app');
    assert.equal(uniqueAlias('app', ['slipway-app']), 'slipway-app-2');
    assert.equal(uniqueAlias('APP', ['slipway-app', 'slipway-app-2']), 'slipway-app-3');
    const long = uniqueAlias('x'.repeat(200), []);
    assert.ok(long.length <= 63, long);
    for (const alias of [long, uniqueAlias('A b*c?d!e,f', [])]) {
      assert.match(alias, /^slipway-[a-z0-9-]+$/);
    }
  });
});

describe('forwardPorts in a host entry', () => {
  it('forwards each port from loopback here to its host as the container resolves it, and nothing else', async () => {
    const { renderHostBlock } = await import('../../../src/core/ssh/sshConfig');
    const block = renderHostBlock({
      alias: 'slipway-web',
      containerId: 'web-1234abcd',
      user: 'vscode',
      identityFile: '/Users/me/.ssh/slipway/id_ed25519',
      knownHostsFile: '/Users/me/.ssh/slipway/known_hosts',
      containerPath: '/usr/local/bin/container',
      forwardAgent: false,
      localForwards: [
        { port: 3000, host: '127.0.0.1' },
        { port: 5432, host: 'db' },
        { port: 0, host: '127.0.0.1' },
        { port: 70000, host: '127.0.0.1' },
        // Never a second token (or an option) in ssh_config.
        { port: 6379, host: 'cache 127.0.0.1:22' },
        { port: 6380, host: '-oProxyCommand=x' },
      ],
    });
    const forwards = block.split('\n').filter((line) => line.includes('LocalForward'));
    assert.deepEqual(forwards, [
      '  LocalForward 127.0.0.1:3000 127.0.0.1:3000',
      // sshd in the dev container resolves db through its /etc/hosts block at each connection.
      '  LocalForward 127.0.0.1:5432 db:5432',
    ]);
  });
});
