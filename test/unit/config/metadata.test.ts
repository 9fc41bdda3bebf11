import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  configMetadataEntry,
  mergeMetadata,
  mountTarget,
  parseBytes,
  readMetadataLabel,
} from '../../../src/core/config/metadata';
import type { DevContainerConfig, MetadataEntry } from '../../../src/core/config/types';

describe('configMetadataEntry', () => {
  it('records the properties the reference records, and only those set', () => {
    const config: DevContainerConfig = {
      name: 'not recorded',
      image: 'image',
      runArgs: ['--init'],
      workspaceFolder: '/w',
      remoteUser: 'testUser',
      postCreateCommand: 'make',
      init: false,
      forwardPorts: [3000],
      customizations: { vscode: { extensions: ['a.b'] } },
      hostRequirements: { cpus: 2 },
    };
    assert.deepEqual(configMetadataEntry(config), {
      remoteUser: 'testUser',
      postCreateCommand: 'make',
      init: false,
      forwardPorts: [3000],
      customizations: { vscode: { extensions: ['a.b'] } },
      hostRequirements: { cpus: 2 },
    });
  });

  it('is empty for a config with nothing to record', () => {
    assert.deepEqual(configMetadataEntry({ image: 'image', initializeCommand: 'x' }), {});
  });
});

describe('readMetadataLabel: entries', () => {
  const parseMetadataLabel = (value: string | undefined) => readMetadataLabel(value).entries;

  it('reads an array of entries', () => {
    const value = JSON.stringify([{ id: 'a', init: true }, { remoteUser: 'me' }]);
    assert.deepEqual(parseMetadataLabel(value), [{ id: 'a', init: true }, { remoteUser: 'me' }]);
  });

  it('reads a single object, as older images have it', () => {
    assert.deepEqual(parseMetadataLabel('{"id": "testId", "remoteUser": "testMetadataUser"}'), [
      { id: 'testId', remoteUser: 'testMetadataUser' },
    ]);
  });

  it('gives no entries for a missing, empty or broken label', () => {
    assert.deepEqual(parseMetadataLabel(undefined), []);
    assert.deepEqual(parseMetadataLabel(''), []);
    assert.deepEqual(parseMetadataLabel('[{"id": '), []);
    assert.deepEqual(parseMetadataLabel('42'), []);
  });

  it('keeps escaping intact', () => {
    const remoteEnv = { TEST_ESCAPING: '{\n  "fo$o": "ba\'r"\n}' };
    assert.deepEqual(parseMetadataLabel(JSON.stringify([{ remoteEnv }])), [{ remoteEnv }]);
  });
});

describe('readMetadataLabel', () => {
  it('says why a label was not read', () => {
    const { entries, problems } = readMetadataLabel('not json');
    assert.deepEqual(entries, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /devcontainer\.metadata label is not valid JSON/);
  });

  it('drops entries that are not objects and properties of the wrong type', () => {
    const { entries, problems } = readMetadataLabel(
      JSON.stringify([null, { id: 'f', capAdd: 'SYS_PTRACE', init: true }, 'x', { entrypoint: 5 }]),
    );
    assert.deepEqual(entries, [{ id: 'f', init: true }, {}]);
    assert.equal(problems.length, 4);
    assert.match(problems[0] ?? '', /entry #1: it is not an object/);
    assert.match(problems[1] ?? '', /entry #2: "capAdd" must be an array of strings/);
    assert.match(problems[3] ?? '', /entry #4: "entrypoint" must be a string/);
  });
});

describe('mergeMetadata', () => {
  it('gives empty results for no entries', () => {
    assert.deepEqual(mergeMetadata([]), {
      init: false,
      privileged: false,
      capAdd: [],
      securityOpt: [],
      entrypoints: [],
      mounts: [],
      customizations: {},
      onCreateCommands: [],
      updateContentCommands: [],
      postCreateCommands: [],
      postStartCommands: [],
      postAttachCommands: [],
      waitFor: undefined,
      remoteUser: undefined,
      containerUser: undefined,
      userEnvProbe: undefined,
      remoteEnv: {},
      containerEnv: {},
      overrideCommand: undefined,
      portsAttributes: {},
      otherPortsAttributes: undefined,
      forwardPorts: [],
      shutdownAction: undefined,
      updateRemoteUserUID: undefined,
      hostRequirements: undefined,
    });
  });

  // Reference: "should merge metadata from devcontainer.json and features".
  it('merges remoteEnv per key, later entries winning', () => {
    const merged = mergeMetadata([
      { remoteEnv: { ENV1: 'feature1', ENV2: 'feature1', ENV3: 'feature1', ENV4: 'feature1' } },
      { remoteEnv: { ENV1: 'feature2', ENV2: 'feature2' } },
      { remoteEnv: { ENV1: 'devcontainer.json', ENV3: 'devcontainer.json' } },
    ]);
    assert.deepEqual(merged.remoteEnv, {
      ENV1: 'devcontainer.json',
      ENV2: 'feature2',
      ENV3: 'devcontainer.json',
      ENV4: 'feature1',
    });
  });

  it('lets a later null in remoteEnv override, and merges containerEnv and portsAttributes per key', () => {
    const merged = mergeMetadata([
      {
        remoteEnv: { A: 'x' },
        containerEnv: { A: '1', B: '1' },
        portsAttributes: { '3000': { label: 'a', protocol: 'https' } },
      },
      {
        remoteEnv: { A: null },
        containerEnv: { B: '2' },
        portsAttributes: { '3000': { label: 'b' } },
      },
    ]);
    assert.deepEqual(merged.remoteEnv, { A: null });
    assert.deepEqual(merged.containerEnv, { A: '1', B: '2' });
    // The whole attribute object is replaced, not merged.
    assert.deepEqual(merged.portsAttributes, { '3000': { label: 'b' } });
  });

  // Reference: "should deduplicate mounts".
  it('deduplicates mounts by target, the later one winning', () => {
    const merged = mergeMetadata([
      {
        mounts: [
          'source=source1,dst=target1,type=volume',
          'source=source2,target=target2,type=volume',
          'source=source3,destination=target3,type=volume',
        ],
      },
      { mounts: [{ source: 'source4', target: 'target1', type: 'volume' }] },
      { mounts: [{ source: 'source5', target: 'target3', type: 'volume' }] },
    ]);
    assert.deepEqual(merged.mounts, [
      'source=source2,target=target2,type=volume',
      { source: 'source4', target: 'target1', type: 'volume' },
      { source: 'source5', target: 'target3', type: 'volume' },
    ]);
  });

  it('keeps distinct mounts in order', () => {
    const merged = mergeMetadata([
      { mounts: ['type=volume,target=/a'] },
      { mounts: ['type=volume,target=/b', { type: 'bind', source: '/s', target: '/c' }] },
    ]);
    assert.equal(merged.mounts.length, 3);
  });

  // Reference: "should merge gpu requirements from devcontainer.json and features".
  it('merges GPU requirements to the largest', () => {
    const merged = mergeMetadata([
      { hostRequirements: { gpu: true } },
      { hostRequirements: { gpu: { cores: 4 } } },
      { hostRequirements: { gpu: { memory: '8gb' } } },
      { hostRequirements: { gpu: 'optional' } },
    ]);
    assert.deepEqual(merged.hostRequirements, { gpu: { cores: 4, memory: '8589934592' } });
  });

  it('follows the reference GPU rules for the simple values', () => {
    const gpu = (...values: Array<boolean | 'optional' | undefined>) =>
      mergeMetadata(values.map((value) => ({ hostRequirements: { gpu: value } }))).hostRequirements
        ?.gpu;
    assert.equal(gpu(true), true);
    assert.equal(gpu(false), undefined);
    assert.equal(gpu(undefined, 'optional'), 'optional');
    assert.equal(gpu('optional', 'optional'), 'optional');
    assert.equal(gpu('optional', false), 'optional');
    assert.deepEqual(gpu('optional', true), {});
    assert.deepEqual(gpu(true, true), {});
  });

  it('takes the largest cpus, memory and storage, comparing sizes as bytes', () => {
    const merged = mergeMetadata([
      { hostRequirements: { cpus: 4, memory: '4gb', storage: '1tb' } },
      { hostRequirements: { cpus: 2, memory: '8192mb' } },
      { hostRequirements: { memory: '1000' } },
      {},
    ]);
    assert.deepEqual(merged.hostRequirements, {
      cpus: 4,
      memory: String(8 * 2 ** 30),
      storage: String(2 ** 40),
    });
    assert.deepEqual(mergeMetadata([{ hostRequirements: { memory: '2kb' } }]).hostRequirements, {
      memory: '2048',
    });
    assert.equal(mergeMetadata([{ hostRequirements: {} }, {}]).hostRequirements, undefined);
  });

  it('is true for init and privileged when any entry is', () => {
    const merged = mergeMetadata([{ init: true }, { init: false, privileged: false }, {}]);
    assert.equal(merged.init, true);
    assert.equal(merged.privileged, false);
    assert.equal(mergeMetadata([{ privileged: true }, { privileged: false }]).privileged, true);
  });

  it('unions capAdd and securityOpt without duplicates', () => {
    const merged = mergeMetadata([
      { capAdd: ['SYS_PTRACE', 'NET_ADMIN'], securityOpt: ['seccomp=unconfined'] },
      { capAdd: ['NET_ADMIN', 'SYS_ADMIN'] },
      { securityOpt: ['seccomp=unconfined', 'apparmor=unconfined'] },
    ]);
    assert.deepEqual(merged.capAdd, ['SYS_PTRACE', 'NET_ADMIN', 'SYS_ADMIN']);
    assert.deepEqual(merged.securityOpt, ['seccomp=unconfined', 'apparmor=unconfined']);
  });

  it('collects every entrypoint in order', () => {
    const merged = mergeMetadata([
      { entrypoint: '/usr/local/share/docker-init.sh' },
      { entrypoint: '' },
      {},
      { entrypoint: '/usr/local/share/ssh-init.sh' },
    ]);
    assert.deepEqual(merged.entrypoints, [
      '/usr/local/share/docker-init.sh',
      '/usr/local/share/ssh-init.sh',
    ]);
  });

  it('collects lifecycle commands in layer order, with their origins', () => {
    const merged = mergeMetadata([
      { postCreateCommand: 'base' },
      {
        id: 'ghcr.io/devcontainers/features/node:1',
        postCreateCommand: ['npm', 'ci'],
        onCreateCommand: { a: 'x' },
      },
      { id: './localFeature', postCreateCommand: '' },
      { postCreateCommand: 'mine', postAttachCommand: [] },
    ]);
    assert.deepEqual(merged.postCreateCommands, [
      { origin: 'image metadata #1', command: 'base' },
      { origin: 'ghcr.io/devcontainers/features/node:1', command: ['npm', 'ci'] },
      { origin: 'devcontainer.json', command: 'mine' },
    ]);
    assert.deepEqual(merged.onCreateCommands, [
      { origin: 'ghcr.io/devcontainers/features/node:1', command: { a: 'x' } },
    ]);
    // Truthy, as in the reference: an empty array still counts.
    assert.deepEqual(merged.postAttachCommands, [{ origin: 'devcontainer.json', command: [] }]);
    assert.deepEqual(merged.updateContentCommands, []);
    assert.deepEqual(merged.postStartCommands, []);
  });

  it('takes origins from the caller when given', () => {
    const merged = mergeMetadata(
      [
        { id: 'feature', postStartCommand: 'a' },
        { postStartCommand: 'b' },
        { postStartCommand: 'c' },
      ],
      { origins: ['from label', undefined, 'devcontainer.json'] },
    );
    assert.deepEqual(
      merged.postStartCommands.map((command) => command.origin),
      ['from label', 'image metadata #2', 'devcontainer.json'],
    );
  });

  it('takes the last defined scalar', () => {
    const merged = mergeMetadata([
      {
        remoteUser: 'a',
        containerUser: 'x',
        waitFor: 'onCreateCommand',
        userEnvProbe: 'loginShell',
        shutdownAction: 'none',
        otherPortsAttributes: { label: 'o' },
      },
      { remoteUser: 'b', overrideCommand: true, updateRemoteUserUID: true },
      {
        remoteUser: '',
        overrideCommand: false,
        updateRemoteUserUID: false,
        waitFor: 'postCreateCommand',
      },
      {},
    ]);
    // An empty string is not "defined" for the string properties (the
    // reference tests truthiness), while false is for the booleans.
    assert.equal(merged.remoteUser, 'b');
    assert.equal(merged.containerUser, 'x');
    assert.equal(merged.waitFor, 'postCreateCommand');
    assert.equal(merged.userEnvProbe, 'loginShell');
    assert.equal(merged.shutdownAction, 'none');
    assert.deepEqual(merged.otherPortsAttributes, { label: 'o' });
    assert.equal(merged.overrideCommand, false);
    assert.equal(merged.updateRemoteUserUID, false);
  });

  it('unions forwardPorts, treating N and "localhost:N" as one port', () => {
    const merged = mergeMetadata([
      { forwardPorts: [3000, 'db:5432'] },
      { forwardPorts: ['localhost:3000', 8080, 'db:5432', 'my-localhost:5000'] },
      { forwardPorts: ['localhost:9000'] },
    ]);
    assert.deepEqual(merged.forwardPorts, [3000, 'db:5432', 8080, 'my-localhost:5000', 9000]);
  });

  it('collects customizations per tool, one object per layer', () => {
    const merged = mergeMetadata([
      { customizations: { vscode: { extensions: ['a.a'] } } },
      {},
      { customizations: { vscode: { extensions: ['b.b'] }, jetbrains: { backend: 'x' } } },
    ]);
    assert.deepEqual(merged.customizations, {
      vscode: [{ extensions: ['a.a'] }, { extensions: ['b.b'] }],
      jetbrains: [{ backend: 'x' }],
    });
  });

  it('ties together with configMetadataEntry: the config layer comes last and wins', () => {
    const image: MetadataEntry[] = [{ remoteUser: 'vscode', postCreateCommand: 'base' }];
    const config: DevContainerConfig = { image: 'x', remoteUser: 'me', postCreateCommand: 'mine' };
    const merged = mergeMetadata([...image, configMetadataEntry(config)]);
    assert.equal(merged.remoteUser, 'me');
    assert.deepEqual(merged.postCreateCommands, [
      { origin: 'image metadata #1', command: 'base' },
      { origin: 'devcontainer.json', command: 'mine' },
    ]);
  });
});

describe('mountTarget', () => {
  it('finds target, dst or destination', () => {
    assert.equal(mountTarget('type=bind,source=/a,target=/b'), '/b');
    assert.equal(mountTarget('type=bind,src=/a,dst=/c'), '/c');
    assert.equal(mountTarget('type=bind,src=/a,destination=/d'), '/d');
    assert.equal(mountTarget('type=bind,src=/a,Target=/e'), '/e');
    assert.equal(mountTarget({ type: 'volume', target: '/f' }), '/f');
    assert.equal(mountTarget('type=tmpfs'), undefined);
  });

  it('reads quoted fields and keeps = in values', () => {
    assert.equal(mountTarget('type=bind,"source=/a,b","target=/w/x,y"'), '/w/x,y');
    assert.equal(mountTarget('type=volume,target=/a=b'), '/a=b');
  });
});

describe('parseBytes', () => {
  it('reads the schema sizes', () => {
    assert.equal(parseBytes('1000'), 1000);
    assert.equal(parseBytes('1kb'), 1024);
    assert.equal(parseBytes('3mb'), 3 * 2 ** 20);
    assert.equal(parseBytes('8gb'), 8 * 2 ** 30);
    assert.equal(parseBytes('2tb'), 2 * 2 ** 40);
  });

  it('counts anything else as 0, as the reference does', () => {
    assert.equal(parseBytes('8GB'), 0);
    assert.equal(parseBytes('8 gb'), 0);
    assert.equal(parseBytes(undefined), 0);
  });
});
