import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { translateRunArgs } from '../../../src/core/plan/runArgs';
import { checkAppleArgv } from '../../support/appleGrammar';

const context = { workspaceFolder: '/Users/me/proj' };

describe('runArgs translation', () => {
  it('translates the flags Apple has', () => {
    const out = translateRunArgs(
      [
        '--cpus',
        '2.5',
        '--memory=6g',
        '-e',
        'A=1',
        '-eB=2',
        '--env-file',
        '.devcontainer/dev.env',
        '-v',
        './data:/data:ro',
        '--mount',
        'type=volume,source=v,target=/v',
        '-p',
        '8080:80',
        '--cap-add',
        'SYS_PTRACE',
        '--cap-drop=NET_RAW',
        '--init',
        '-u',
        'vscode',
        '--label',
        'team=a=b',
        '--platform',
        'linux/amd64',
        '--shm-size',
        '1g',
        '--ulimit',
        'nofile=1024:2048',
        '--dns',
        '1.1.1.1',
        '--network',
        'none',
        '--rm',
        '--read-only',
        '--name',
        'mine',
        '-w',
        '/w',
      ],
      context,
    );
    assert.deepEqual(out.cpus, { value: 3, index: 0 });
    assert.equal(out.memory?.bytes, 6 * 2 ** 30);
    assert.deepEqual(out.env, ['A=1', 'B=2']);
    assert.deepEqual(out.envFiles, ['/Users/me/proj/.devcontainer/dev.env']);
    assert.equal(out.mounts[0]?.mount.source, '/Users/me/proj/data');
    assert.equal(out.mounts[0]?.mount.readonly, true);
    assert.equal(out.mounts[1]?.mount.type, 'volume');
    assert.deepEqual(
      out.ports.map((p) => p.spec),
      ['8080:80'],
    );
    assert.deepEqual(out.capAdd, ['SYS_PTRACE']);
    assert.deepEqual(out.capDrop, ['NET_RAW']);
    assert.equal(out.init, true);
    assert.equal(out.user, 'vscode');
    assert.deepEqual(out.labels, [['team', 'a=b']]);
    assert.equal(out.platform?.value, 'linux/amd64');
    assert.equal(out.name?.value, 'mine');
    assert.equal(out.workdir, '/w');
    assert.deepEqual(out.passThrough, [
      '--shm-size',
      '1g',
      '--ulimit',
      'nofile=1024:2048',
      '--dns',
      '1.1.1.1',
      '--network',
      'none',
      '--rm',
      '--read-only',
    ]);
    assert.deepEqual(
      out.warnings.map((w) => w.message),
      ['Apple gives whole vCPUs: "--cpus 2.5" becomes 3.'],
    );
  });

  const dropped = [
    ['--security-opt', 'seccomp=unconfined'],
    ['--device', '/dev/fuse'],
    ['--gpus', 'all'],
    ['--ipc', 'host'],
    ['--pid', 'host'],
    ['--hostname', 'dev'],
    ['-h', 'dev'],
    ['--add-host', 'host.docker.internal:host-gateway'],
    ['--restart', 'always'],
    ['--userns', 'keep-id'],
    ['--sysctl', 'net.ipv4.ip_forward=1'],
    ['-c', '512'],
    ['--memory-swap', '-1'],
    ['--health-cmd', 'true'],
    ['--log-driver', 'none'],
    ['--group-add', 'docker'],
    ['-P'],
    ['--expose', '80'],
    ['-it'],
    ['--network', 'host'],
    ['--stop-signal', 'SIGINT'],
  ];
  for (const args of dropped) {
    it(`drops ${args.join(' ')} with a warning naming it`, () => {
      const out = translateRunArgs(args, context);
      assert.equal(out.passThrough.length, 0);
      assert.equal(out.env.length + out.mounts.length + out.ports.length + out.capAdd.length, 0);
      assert.ok(out.warnings.length >= 1);
      const flag =
        args[0] === '-h'
          ? '--hostname'
          : args[0] === '-c'
            ? '--cpu-shares'
            : args[0] === '-P'
              ? '--publish-all'
              : args[0] === '-it'
                ? '--interactive'
                : args[0]!;
      assert.ok(
        out.warnings.some((w) => w.message.includes(flag)),
        JSON.stringify(out.warnings),
      );
    });
  }

  it("leaves out every Docker-only option the reference lists, so Apple's grammar accepts the result", () => {
    // Apple reference §3, "Docker / devcontainer flags that do NOT exist".
    const dockerOnly = [
      ['--privileged'],
      ['--security-opt', 'label=disable'],
      ['--gpus', 'all'],
      ['--device', '/dev/kvm'],
      ['--hostname', 'h'],
      ['--add-host', 'a:1.2.3.4'],
      ['--restart', 'always'],
      ['--pull', 'always'],
      ['-P'],
      ['--publish-all'],
      ['--expose', '80'],
      ['--userns', 'host'],
      ['--group-add', 'g'],
      ['--pid', 'host'],
      ['--ipc', 'host'],
      ['--uts', 'host'],
      ['--sysctl', 'a=b'],
      ['--health-cmd', 'x'],
      ['--stop-signal', 'SIGINT'],
      ['--stop-timeout', '3'],
      ['--log-driver', 'none'],
      ['--log-opt', 'a=b'],
      ['--link', 'db'],
      ['--network-alias', 'x'],
      ['--mac-address', '02:00:00:00:00:01'],
      ['--memory-swap', '1g'],
      ['--cpuset-cpus', '0'],
      ['--cpu-shares', '2'],
      ['--oom-score-adj', '1'],
      ['--sig-proxy=false'],
      ['--no-healthcheck'],
      ['--label-file', 'f'],
      ['--volumes-from', 'c'],
      ['-a', 'STDOUT'],
    ];
    for (const args of dockerOnly) {
      const out = translateRunArgs(args, context);
      assert.deepEqual(out.passThrough, [], args.join(' '));
      const argv = ['container', 'run', ...out.passThrough, 'img'];
      assert.deepEqual(checkAppleArgv(argv), [], args.join(' '));
      if (args[0] !== '--sig-proxy=false') {
        assert.ok(out.warnings.length > 0 || out.privileged, `a warning for ${args.join(' ')}`);
      }
    }
  });

  it('marks --privileged for the planner, which maps it to --cap-add ALL', () => {
    assert.equal(translateRunArgs(['--privileged'], context).privileged, true);
    assert.equal(translateRunArgs(['--privileged=false'], context).privileged, false);
  });

  it('drops an unknown option together with its value', () => {
    const out = translateRunArgs(['--frobnicate', 'hard', '-e', 'A=1'], context);
    assert.deepEqual(out.env, ['A=1']);
    assert.match(out.warnings[0]?.message ?? '', /unknown option "--frobnicate"/);
  });

  it('keeps values with spaces, quotes, $, backticks and newlines unchanged', () => {
    const value = 'X=a b "c" \'d\' $HOME `id`\nline2';
    assert.deepEqual(translateRunArgs(['-e', value], context).env, [value]);
  });

  it('reports a flag without its value at its index', () => {
    assert.throws(
      () => translateRunArgs(['--init', '-e'], context),
      (error: Error & { index?: number }) => {
        assert.match(error.message, /needs a value/);
        assert.equal(error.index, 1);
        return true;
      },
    );
  });
});
