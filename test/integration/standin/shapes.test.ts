import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import {
  BUSYBOX,
  cleanUp,
  container,
  keysSorted,
  ok,
  runIdle,
  slashesEscaped,
  slashesPlain,
} from './harness';

/**
 * The stand-in against reference §4: `list --format json` (compact, sorted,
 * `\/`), `inspect` (Foundation's pretty style), the list table, and the
 * fields a dev container tool reads.
 */

interface Attachment {
  network: string;
  hostname: string;
  ipv4Address: string;
  ipv4Gateway: string;
}

interface Listed {
  id: string;
  status: { state: string; networks: Attachment[]; startedDate?: string };
  configuration: {
    id: string;
    image: { reference: string; descriptor: { digest: string; mediaType: string } };
    platform: { os: string; architecture: string };
    resources: { cpus: number; memoryInBytes: number; cpuOverhead: number };
    rosetta: boolean;
    labels: Record<string, string>;
    mounts: Array<{
      type: Record<string, unknown>;
      source: string;
      destination: string;
      options: string[];
    }>;
    publishedPorts: Array<Record<string, unknown>>;
    initProcess: {
      executable: string;
      arguments: string[];
      environment: string[];
      workingDirectory: string;
      user: Record<string, unknown>;
    };
    useInit: boolean;
    capAdd: string[];
    creationDate: string;
  };
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('stand-in: list and inspect output (integration)', function () {
  this.timeout(60_000);

  before(() => {
    runIdle('shape-run', [
      '--label',
      'devcontainer.local_folder=/Users/me/proj',
      '--cpus',
      '2',
      '--memory',
      '1.5g',
      '-e',
      'GREETING=hi there',
      '-w',
      '/tmp',
      '--user',
      'vscode',
      '--init',
      '--cap-add',
      'sys_ptrace',
      '-p',
      '127.0.0.1:8080:80',
      '--tmpfs',
      '/scratch',
      '--arch',
      'amd64',
    ]);
    ok(['create', '--name', 'shape-new', BUSYBOX, 'true']);
  });
  after(() => cleanUp());

  it('lists compact JSON with sorted keys, unescaped slashes (1.4.1+) and one newline', () => {
    const raw = ok(['list', '--all', '--format', 'json']);
    assert.ok(raw.endsWith(']\n') && raw.indexOf('\n') === raw.length - 1, 'one line');
    assert.ok(slashesPlain(raw), '1.4.1+ writes / as is');
    const old = ok(['list', '--all', '--format', 'json'], {
      env: { CONTAINER_STANDIN_VERSION: '1.3.1' },
    });
    assert.ok(slashesEscaped(old), 'before 1.4.1 every / is written as \\/');
    const listed = JSON.parse(raw) as Listed[];
    assert.ok(keysSorted(listed), 'keys sorted at every level');
    assert.deepEqual(
      listed.map((c) => c.id),
      ['shape-run', 'shape-new'],
    );
  });

  it('reports a running container the way Apple does', () => {
    const [running] = (JSON.parse(ok(['list', '--format', 'json'])) as Listed[]).filter(
      (c) => c.id === 'shape-run',
    );
    assert.ok(running);
    assert.equal(running.status.state, 'running');
    assert.match(running.status.startedDate ?? '', ISO_SECONDS);
    const [network] = running.status.networks;
    assert.equal(network?.network, 'default');
    assert.equal(network?.hostname, 'shape-run');
    assert.match(network?.ipv4Address ?? '', /^192\.168\.64\.(\d+)\/24$/);
    assert.equal(network?.ipv4Gateway, '192.168.64.1');

    const config = running.configuration;
    assert.equal(config.image.reference, BUSYBOX);
    assert.match(config.image.descriptor.digest, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(config.platform, { architecture: 'amd64', os: 'linux' });
    assert.equal(config.rosetta, true, 'amd64 on Apple silicon runs under Rosetta');
    assert.deepEqual(config.resources, {
      cpuOverhead: 1,
      cpus: 2,
      memoryInBytes: 1536 * 1024 ** 2,
    });
    assert.deepEqual(config.labels, { 'devcontainer.local_folder': '/Users/me/proj' });
    assert.deepEqual(config.mounts, [
      { destination: '/scratch', options: [], source: 'tmpfs', type: { tmpfs: {} } },
    ]);
    assert.deepEqual(config.publishedPorts, [
      { containerPort: 80, count: 1, hostAddress: '127.0.0.1', hostPort: 8080, proto: 'tcp' },
    ]);
    assert.equal(config.initProcess.executable, 'sh');
    assert.equal(config.initProcess.workingDirectory, '/tmp');
    assert.deepEqual(config.initProcess.user, { raw: { userString: 'vscode' } });
    assert.ok(config.initProcess.environment.includes('GREETING=hi there'));
    assert.equal(config.useInit, true);
    assert.deepEqual(config.capAdd, ['CAP_SYS_PTRACE']);
    assert.match(config.creationDate, ISO_SECONDS);
  });

  it('gives a stopped container an empty networks array and no address in the table', () => {
    const listed = JSON.parse(ok(['list', '-a', '--format', 'json'])) as Listed[];
    const stopped = listed.find((c) => c.id === 'shape-new');
    assert.equal(stopped?.status.state, 'stopped');
    assert.deepEqual(stopped?.status.networks, []);
    assert.equal(stopped?.status.startedDate, undefined);
    assert.deepEqual(stopped?.configuration.initProcess.user, { id: { gid: 0, uid: 0 } });
    // Without --all only running containers are listed; -q prints IDs only.
    assert.equal(ok(['list', '-q']), 'shape-run\n');
    assert.equal(ok(['list', '-a', '-q']), 'shape-run\nshape-new\n');
  });

  it('lays the table out as Apple does', () => {
    const lines = ok(['list', '--all']).split('\n');
    assert.equal(lines.length, 4, 'header, two rows, final newline');
    const header = lines[0] ?? '';
    const names = ['ID', 'IMAGE', 'OS', 'ARCH', 'STATE', 'IP', 'CPUS', 'MEMORY', 'STARTED'];
    assert.deepEqual(header.split(/ +/), names);
    // Each column starts where its header does; all but the last padded (two spaces at least).
    const starts = names.map((name) => header.indexOf(name));
    const cells = (line: string): string[] =>
      starts.map((start, i) => {
        const cell = line.slice(start, starts[i + 1] ?? line.length);
        if (i < starts.length - 1) {
          assert.match(cell, / {2}$/, `column ${names[i]} of ${JSON.stringify(line)}`);
        }
        return cell.trimEnd();
      });
    const running = cells(lines[1] ?? '');
    assert.deepEqual(running.slice(0, 5), ['shape-run', BUSYBOX, 'linux', 'amd64', 'running']);
    assert.match(running[5] ?? '', /^192\.168\.64\.\d+\/24$/);
    assert.deepEqual(running.slice(6, 8), ['2', '1536 MB']);
    assert.match(running[8] ?? '', ISO_SECONDS);
    assert.deepEqual(cells(lines[2] ?? ''), [
      'shape-new',
      BUSYBOX,
      'linux',
      'arm64',
      'stopped',
      '',
      '4',
      '1024 MB',
      '',
    ]);
    assert.ok(!(lines[2] ?? '').endsWith(' '.repeat(3)), 'the last column is not padded');
  });

  it('pretty-prints inspect in Foundation style, and fails on an unknown ID', () => {
    const raw = ok(['inspect', 'shape-run']);
    assert.ok(raw.startsWith('[\n  {\n    "configuration" : {\n'));
    assert.ok(raw.endsWith('\n  }\n]\n'));
    assert.ok(slashesPlain(raw));
    assert.match(raw, /\n {6}"capDrop" : \[\n\n {6}\],\n/, 'empty arrays on two lines');
    const [inspected] = JSON.parse(raw) as Listed[];
    assert.ok(keysSorted(JSON.parse(raw)));
    assert.equal(inspected?.id, 'shape-run');

    const unknown = container(['inspect', 'shape-run', 'nope', 'also-nope']);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stdout, '');
    assert.equal(unknown.stderr, 'Error: container not found: also-nope, nope\n');
  });
});
