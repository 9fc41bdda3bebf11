import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { checkAppleArgv } from '../../support/appleGrammar';
import { optionValues, planConfig, planError, runArgv, WORKSPACE } from '../../support/planFixture';

/**
 * Values that used to be "planned" although Apple's CLI would refuse them
 * (found by the generated-input test, planProperty.test.ts): each is now a
 * planner error at the config's file, line and column.
 */

const CONFIG = `${WORKSPACE}/.devcontainer/devcontainer.json`;
const DOCKERFILE = { [`${WORKSPACE}/.devcontainer/Dockerfile`]: 'FROM alpine:3.20\n' };

/** Plans the config (as 2-space JSON) and expects an error on the first line holding `marker`. */
async function refusedAt(config: object, marker: string, message: RegExp): Promise<void> {
  const text = JSON.stringify(config, null, 2);
  const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1;
  assert.ok(line > 0, `the marker ${marker} is not in the config`);
  const error = await planError(text, {}, DOCKERFILE);
  assert.match(error.message, message);
  assert.equal(error.file, CONFIG);
  assert.equal(error.line, line, `${error.message} points at line ${error.line}, not ${line}`);
  assert.ok(error.column !== undefined && error.column > 0);
}

describe('plan: values Apple would read as options', () => {
  it('refuses an image that starts with "-"', async () => {
    await refusedAt(
      { image: '--volume=/:/x' },
      '--volume',
      /The image is "--volume=\/:\/x", which starts with "-"/,
    );
  });

  it('refuses an option where runArgs needs a value: -u --rm', async () => {
    await refusedAt(
      { image: 'x:1', runArgs: ['--init', '-u', '--rm'] },
      '"-u"',
      /The value of "--user" in runArgs is "--rm", which starts with "-"/,
    );
  });

  it('refuses an option where build.options needs a value: --target --privileged', async () => {
    await refusedAt(
      { build: { dockerfile: 'Dockerfile', options: ['--target', '--privileged'] } },
      '"--target"',
      /The value of "--target" in build.options is "--privileged"/,
    );
    await refusedAt(
      { build: { dockerfile: 'Dockerfile', target: '--privileged' } },
      '"target"',
      /build.target is "--privileged"/,
    );
  });

  it('refuses a containerUser or an environment name starting with "-"', async () => {
    await refusedAt(
      { image: 'x:1', containerUser: '--rm' },
      'containerUser',
      /containerUser is "--rm"/,
    );
    await refusedAt(
      { image: 'x:1', containerEnv: { '-v': '/:/x' } },
      '"-v"',
      /"-v" is not a valid environment variable name/,
    );
  });

  it('refuses build argument names Apple cannot take', async () => {
    await refusedAt(
      { build: { dockerfile: 'Dockerfile', args: { '=bar': '1' } } },
      '"=bar"',
      /build argument name "=bar"/,
    );
    await refusedAt(
      { build: { dockerfile: 'Dockerfile', options: ['--build-arg', 'TOKEN'] } },
      '"--build-arg"',
      /"--build-arg TOKEN" in build.options is not NAME=value/,
    );
    await refusedAt(
      { build: { dockerfile: 'Dockerfile', options: ['--secret', 'mytoken'] } },
      '"--secret"',
      /"--secret mytoken" in build.options is not id=<key>/,
    );
  });
});

describe('plan: NUL characters', () => {
  it('points at the value holding one, wherever it is', async () => {
    await refusedAt(
      { image: 'x:1', containerEnv: { TOKEN: 'a\u0000b' } },
      'TOKEN',
      /contains a NUL character/,
    );
    await refusedAt(
      { image: 'x:1', postCreateCommand: ['echo', 'x\u0000'] },
      '\\u0000',
      /contains a NUL character/,
    );
  });
});

describe('plan: numbers and sizes', () => {
  it('refuses CPU counts that are not a sane whole number', async () => {
    await refusedAt(
      { image: 'x:1', runArgs: ['--cpus', '1e+300'] },
      '"--cpus"',
      /"--cpus 1e\+300" in runArgs is not a number of CPUs from 1 to 1024/,
    );
    await refusedAt(
      { image: 'x:1', hostRequirements: { cpus: 1e300 } },
      '"cpus"',
      /hostRequirements.cpus must be a whole number of CPUs from 1 to 1024/,
    );
  });

  it('refuses memory sizes beyond any Mac', async () => {
    await refusedAt(
      { image: 'x:1', runArgs: ['--memory', '1.048576e+28G'] },
      '"--memory"',
      /not a size \(such as 4g or 512m\) of at most 16 TiB/,
    );
    await refusedAt(
      { image: 'x:1', runArgs: ['-m', '99999999999999g'] },
      '"-m"',
      /of at most 16 TiB/,
    );
    await refusedAt(
      { image: 'x:1', hostRequirements: { memory: '99999999999999gb' } },
      '"memory"',
      /hostRequirements.memory "[^"]+" is not a size \(such as 8gb\) of at most 16 TiB/,
    );
    await refusedAt(
      { image: 'x:1', runArgs: ['--shm-size', 'lots'] },
      '"--shm-size"',
      /"--shm-size lots" in runArgs is not a size/,
    );
  });
});

describe('plan: capabilities, ulimits and networks', () => {
  it('takes Linux capability names in any case, with or without CAP_, and refuses others', async () => {
    const plan = await planConfig({
      image: 'x:1',
      capAdd: ['sys_ptrace'],
      runArgs: ['--cap-add', 'CAP_NET_ADMIN', '--cap-drop', 'mknod'],
    });
    assert.deepEqual(optionValues(runArgv(plan), '--cap-add'), ['SYS_PTRACE', 'CAP_NET_ADMIN']);
    assert.deepEqual(checkAppleArgv(runArgv(plan)), []);
    await refusedAt(
      { image: 'x:1', capAdd: ['SYS_PTRACE', 'NOT_A_CAP'] },
      'NOT_A_CAP',
      /capAdd "NOT_A_CAP" is not a Linux capability/,
    );
    await refusedAt(
      { image: 'x:1', runArgs: ['--cap-drop=everything'] },
      '--cap-drop',
      /"--cap-drop" in runArgs "everything" is not a Linux capability/,
    );
  });

  it('checks ulimits as Apple does', async () => {
    const plan = await planConfig({
      image: 'x:1',
      runArgs: ['--ulimit', 'nofile=1024:4096', '--ulimit', 'nproc=unlimited'],
    });
    assert.deepEqual(optionValues(runArgv(plan), '--ulimit'), [
      'nofile=1024:4096',
      'nproc=unlimited',
    ]);
    const cases: Array<[string[], RegExp]> = [
      [['--ulimit', 'nofile'], /is not <type>=<soft>\[:<hard>\]/],
      [['--ulimit', 'files=10'], /has the limit "files", which Apple's container does not know/],
      [['--ulimit', 'nofile=-5'], /a limit is a whole number, "unlimited" or -1/],
      [['--ulimit', 'nofile=2048:1024'], /soft limit above its hard limit/],
    ];
    for (const [runArgs, message] of cases) {
      await refusedAt({ image: 'x:1', runArgs }, '"--ulimit"', message);
    }
    await refusedAt(
      { image: 'x:1', runArgs: ['--ulimit', 'nofile=1', '--ulimit=NOFILE=2'] },
      '--ulimit=NOFILE',
      /sets the ulimit "nofile" twice/,
    );
  });

  it('refuses a --network value that is not a name', async () => {
    await refusedAt(
      { image: 'x:1', runArgs: ['--network', 'net,mac=zz'] },
      '"--network"',
      /"--network net,mac=zz" in runArgs is not a network name/,
    );
  });
});

describe('plan: published ports', () => {
  it('publishes a repeated spec once, and refuses two uses of one host port', async () => {
    const plan = await planConfig({
      image: 'x:1',
      appPort: 3000,
      runArgs: ['-p', '127.0.0.1:3000:3000'],
    });
    assert.deepEqual(optionValues(runArgv(plan), '-p'), ['127.0.0.1:3000:3000']);
    await refusedAt(
      { image: 'x:1', appPort: [3000], runArgs: ['-p', '3000:80'] },
      '"-p"',
      /"3000:80" publishes host port 3000\/tcp, which another appPort or -p already uses/,
    );
  });

  it('refuses ports 0 and 1 and host addresses that are not IP addresses', async () => {
    await refusedAt({ image: 'x:1', appPort: '1' }, 'appPort', /out of range \(2-65535\)/);
    await refusedAt(
      { image: 'x:1', runArgs: ['-p', 'myhost:8080:80'] },
      '"-p"',
      /"myhost" in "myhost:8080:80" is not an IP address/,
    );
    const plan = await planConfig({ image: 'x:1', runArgs: ['-p', '[::1]:8080:80'] });
    assert.deepEqual(optionValues(runArgv(plan), '-p'), ['[::1]:8080:80']);
  });

  it('refuses a tmpfs path with a colon (Docker’s tmpfs options)', async () => {
    await refusedAt(
      { image: 'x:1', mounts: ['type=tmpfs,target=/run:size=64m'] },
      'type=tmpfs',
      /cannot make a tmpfs at a path with a colon/,
    );
  });
});
