import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { isConfigError } from '../../../src/core/errors';
import { checkAppleArgv } from '../../support/appleGrammar';
import { planConfig, WORKSPACE } from '../../support/planFixture';

/**
 * Generated configs, hostile strings included: `plan` either fails with a
 * ConfigError that points at the config's file, line and column, or every
 * argv it emits is one the independent model of Apple's grammar accepts.
 * Never "planned" for something Apple would refuse, and never a crash.
 */

/** Values that have fooled argument parsers: options where a value belongs, NULs, huge numbers. */
const HOSTILE = [
  '',
  '-',
  '--',
  '-u',
  '--rm',
  '--privileged',
  '--volume=/:/x',
  '-v=/:/host',
  '--target',
  '-it',
  'a\u0000b',
  '\u0000',
  '1e+300',
  '1.048576e+28G',
  '-1',
  '0',
  '0.5',
  '1024',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '4g',
  '512m',
  '1.5G',
  '100t',
  'ALL',
  'sys_ptrace',
  'CAP_NET_ADMIN',
  'not_a_cap',
  'nofile=1024:2048',
  'nofile=2048:1024',
  'nofile=-5',
  'bogus=1',
  'nproc=unlimited',
  'type=bind,source=/tmp,target=/x',
  'type=volume,source=data,target=/data',
  'type=tmpfs,target=/t',
  '/a:/b',
  'name with spaces',
  'ünïcode',
  'FOO=bar',
  '=bar',
  'x=y=z',
  '127.0.0.1:8080:80',
  '8080',
  'host',
  'bridge',
  'none',
  'linux/arm64',
  'linux/amd64',
  'windows/amd64',
  'arm64',
  'vscode',
  'root',
  '0:0',
  '/workspaces/x',
  'relative/dir',
  'alpine:3.20',
  'mcr.microsoft.com/devcontainers/base:ubuntu',
];

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Mostly a sensible value, sometimes a hostile one: most configs get far enough to plan. */
function mostly<T>(...benign: T[]): fc.Arbitrary<T | string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...benign) },
    { weight: 1, arbitrary: word },
  );
}

/** Docker run options with the values they usually get; undefined for a flag without value. */
const RUN_OPTIONS: Record<string, string[] | undefined> = {
  '--cpus': ['1', '2', '4', '0.5'],
  '--memory': ['512m', '4g', '1.5G'],
  '-m': ['2g'],
  '-u': ['vscode', 'root', '1000'],
  '--user': ['node'],
  '-w': ['/w'],
  '--workdir': ['/src'],
  '--cap-add': ['SYS_PTRACE', 'net_admin', 'ALL', 'CAP_CHOWN'],
  '--cap-drop': ['MKNOD'],
  '--ulimit': ['nofile=1024:2048', 'nproc=unlimited'],
  '--shm-size': ['64m'],
  '--dns': ['1.1.1.1'],
  '--dns-search': ['example.com'],
  '--dns-option': ['ndots:2'],
  '--network': ['bridge', 'host', 'mynet'],
  '-e': ['FOO=bar', 'X='],
  '--env': ['A=1'],
  '--env-file': ['.env'],
  '--label': ['a=b', 'k'],
  '-l': ['team=x'],
  '-v': ['/tmp:/tmp', 'data:/data', '/a:/b:ro'],
  '--volume': ['cache:/cache'],
  '--mount': ['type=bind,source=/tmp,target=/t', 'type=volume,source=v,target=/v'],
  '--tmpfs': ['/scratch', '/run:size=64m'],
  '-p': ['8080:80', '127.0.0.1:3000:3000'],
  '--publish': ['5432'],
  '--name': ['my-box'],
  '--platform': ['linux/arm64'],
  '--arch': ['arm64'],
  '--entrypoint': ['/bin/sh'],
  '--hostname': ['box'],
  '--security-opt': ['seccomp=unconfined'],
  '--init': undefined,
  '--privileged': undefined,
  '--rm': undefined,
  '--read-only': undefined,
};

const BUILD_OPTIONS: Record<string, string[] | undefined> = {
  '--target': ['dev'],
  '--build-arg': ['A=1', 'B=2'],
  '--label': ['a=b'],
  '--secret': ['id=token,env=TOKEN', 'id=key,src=/tmp/key'],
  '--progress': ['plain', 'quiet'],
  '--ssh': ['default', 'mykey=/k'],
  '--platform': ['linux/arm64'],
  '-f': ['Other.Dockerfile'],
  '--network': ['host'],
  '--no-cache': undefined,
  '--pull': undefined,
};

/** Options as devcontainer.json writes them: `flag value`, `--flag=value`, a lone flag, or a stray word. */
function optionTokens(table: Record<string, string[] | undefined>): fc.Arbitrary<string[]> {
  const names = Object.keys(table);
  const one = fc.constantFrom(...names).chain((name): fc.Arbitrary<string[]> => {
    const values = table[name];
    if (values === undefined) {
      return fc.constantFrom([name], [`${name}=true`], [`${name}=false`]);
    }
    return fc
      .tuple(mostly(...values), fc.boolean())
      .map(([value, joined]) =>
        joined && name.startsWith('--') ? [`${name}=${value}`] : [name, value],
      );
  });
  const stray = word.map((value) => [value]);
  return fc
    .array(fc.oneof({ weight: 6, arbitrary: one }, { weight: 1, arbitrary: stray }), {
      maxLength: 6,
    })
    .map((groups) => groups.flat());
}

const mountSpec = fc.oneof(
  mostly('type=bind,source=/tmp,target=/host-tmp', 'source=data,target=/data,type=volume'),
  fc.record(
    {
      type: mostly('bind', 'volume', 'tmpfs'),
      source: mostly('/tmp', 'data'),
      target: mostly('/x', '/data'),
    },
    { requiredKeys: ['type', 'target'] },
  ),
);

const config = fc.record(
  {
    image: mostly('alpine:3.20', 'mcr.microsoft.com/devcontainers/base:ubuntu'),
    build: fc.record(
      {
        dockerfile: fc.constant('Dockerfile'),
        context: fc.constantFrom('.', '..', ''),
        target: mostly('dev', 'base'),
        args: fc.dictionary(mostly('VERSION', 'USER'), mostly('1.0', ''), { maxKeys: 2 }),
        options: optionTokens(BUILD_OPTIONS),
      },
      { requiredKeys: ['dockerfile'] },
    ),
    runArgs: optionTokens(RUN_OPTIONS),
    mounts: fc.array(mountSpec, { maxLength: 2 }),
    containerEnv: fc.dictionary(mostly('FOO', 'PATH_EXTRA'), mostly('bar', '', 'a b'), {
      maxKeys: 3,
    }),
    capAdd: fc.array(mostly('SYS_PTRACE', 'NET_ADMIN', 'cap_sys_admin'), { maxLength: 2 }),
    containerUser: mostly('vscode', 'root'),
    remoteUser: mostly('vscode', 'node'),
    workspaceFolder: fc.constantFrom('/workspaces/x', '/w'),
    workspaceMount: mostly(
      'source=/Users/me/proj,target=/w,type=bind',
      'type=bind,src=/tmp,dst=/w',
    ),
    securityOpt: fc.array(mostly('seccomp=unconfined'), { maxLength: 1 }),
    appPort: fc.oneof(
      { weight: 8, arbitrary: mostly<number | string>(3000, '8080:80', '127.0.0.1:9000:9000') },
      { weight: 1, arbitrary: fc.integer() },
    ),
    init: fc.boolean(),
    privileged: fc.boolean(),
    overrideCommand: fc.boolean(),
    hostRequirements: fc.record(
      {
        cpus: fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 1, max: 16 }) },
          { weight: 1, arbitrary: fc.constantFrom(0, 1e300, 2.5, 5000, -1) },
        ),
        memory: mostly('4gb', '8gb', '512mb'),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const DOCKERFILE = { [`${WORKSPACE}/.devcontainer/Dockerfile`]: 'FROM alpine:3.20\n' };

describe('plan, over generated configs', () => {
  it('errors with file, line and column, or emits argv Apple’s grammar accepts', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(config, async (generated) => {
        let commands;
        try {
          commands = (await planConfig(generated, {}, DOCKERFILE)).commands;
        } catch (error) {
          assert.ok(isConfigError(error), `not a ConfigError: ${String(error)}`);
          assert.ok(error.message.length > 10, `a clear message: ${error.message}`);
          assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
          assert.ok(
            error.file !== undefined && error.line !== undefined && error.column !== undefined,
            `no file:line:column for: ${error.message}`,
          );
          return;
        }
        for (const command of commands) {
          const problems = checkAppleArgv(command.argv);
          assert.deepEqual(
            problems.map((p) => p.message),
            [],
            `planned, but Apple would refuse ${JSON.stringify(command.argv)}`,
          );
        }
      }),
      { numRuns: Number(process.env.SLIPWAY_PROPERTY_RUNS ?? 500), seed: seedFromEnvironment() },
    );
  });
});

/**
 * SLIPWAY_PROPERTY_SEED replays a failure (fast-check prints the seed and
 * path); otherwise a fixed seed keeps the suite deterministic.
 * SLIPWAY_PROPERTY_RUNS runs more cases, for a longer hunt.
 */
function seedFromEnvironment(): number {
  const text = process.env.SLIPWAY_PROPERTY_SEED;
  return text === undefined || text === '' ? 20261204 : Number(text);
}
