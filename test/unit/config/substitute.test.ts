import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  substituteContainerEnv,
  substituteVariables,
  type SubstitutionContext,
} from '../../../src/core/config/substitute';
import { planWorkspace } from '../../../src/core/engine/planWorkspace';
import { isConfigError } from '../../../src/core/errors';
import { MemoryFileSystem } from '../../support/memoryFs';

const CONTEXT: SubstitutionContext = {
  env: { baz: 'somevalue', EMPTY: '' },
  localWorkspaceFolder: '/foo/bar',
  containerWorkspaceFolder: '/baz/blue',
};

function sub(text: string, context: SubstitutionContext = CONTEXT): string {
  return substituteVariables({ foo: text }, context).foo;
}

describe('substituteVariables', () => {
  // The reference's variableSubstitution.test.ts cases, in the same order.
  it('environment variables', () => {
    assert.equal(sub('bar${env:baz}bar'), 'barsomevaluebar');
    assert.equal(sub('bar${localEnv:baz}bar'), 'barsomevaluebar');
  });

  it('localWorkspaceFolder', () => {
    assert.equal(sub('bar${localWorkspaceFolder}bar'), 'bar/foo/barbar');
  });

  it('containerWorkspaceFolder', () => {
    assert.equal(sub('bar${containerWorkspaceFolder}bar'), 'bar/baz/bluebar');
  });

  it('uses containerWorkspaceFolder as given: it is resolved once, by the caller', () => {
    // A folder named `proj${localEnv:X}`: its name is text, not a variable.
    const context = {
      ...CONTEXT,
      env: { X: 'host-secret' },
      containerWorkspaceFolder: '/workspaces/proj${localEnv:X}',
    };
    assert.equal(
      sub('cd ${containerWorkspaceFolder}', context),
      'cd /workspaces/proj${localEnv:X}',
    );
    assert.equal(sub('${containerWorkspaceFolderBasename}', context), 'proj${localEnv:X}');
  });

  it('environment variables with a default, unset', () => {
    assert.equal(sub('bar${localEnv:nope:default}bar'), 'bardefaultbar');
  });

  it('environment variables without a default, unset', () => {
    assert.equal(sub('bar${localEnv:nope}bar'), 'barbar');
  });

  it('environment variables with a default, set', () => {
    assert.equal(sub('bar${localEnv:baz:default}bar'), 'barsomevaluebar');
  });

  it('only the first argument after the name is the default', () => {
    assert.equal(sub('bar${localEnv:nope:default:a:b:c}bar'), 'bardefaultbar');
  });

  it('an empty but set variable is used, not the default', () => {
    assert.equal(sub('[${localEnv:EMPTY:default}]'), '[]');
  });

  it('an empty default is the empty string', () => {
    assert.equal(sub('[${localEnv:nope:}]'), '[]');
  });

  it('the basenames', () => {
    assert.equal(sub('${localWorkspaceFolderBasename}'), 'bar');
    assert.equal(sub('${containerWorkspaceFolderBasename}'), 'blue');
  });

  it('leaves containerWorkspaceFolder as written when it is not known yet', () => {
    const context = { env: {}, localWorkspaceFolder: '/foo/bar' };
    assert.equal(sub('${containerWorkspaceFolder}/x', context), '${containerWorkspaceFolder}/x');
    assert.equal(
      sub('${containerWorkspaceFolderBasename}', context),
      '${containerWorkspaceFolderBasename}',
    );
  });

  it('devcontainerId when the context has it, else left as written', () => {
    assert.equal(sub('vol-${devcontainerId}'), 'vol-${devcontainerId}');
    assert.equal(sub('vol-${devcontainerId}', { ...CONTEXT, devcontainerId: 'abc' }), 'vol-abc');
  });

  it('leaves unknown variables and containerEnv exactly as written', () => {
    for (const text of [
      '${workspaceFolder}',
      '${containerEnv:PATH}',
      '${containerEnv:PATH:/usr/bin}',
      '${templateOption:imageVariant}',
      '${}',
      '${ localEnv:baz}',
      '$baz ${baz}',
    ]) {
      assert.equal(sub(text), text);
    }
  });

  it('matches up to the first } and does not nest', () => {
    // The match is `${localEnv:nope:${localEnv:baz}`: its default is `${localEnv`.
    assert.equal(sub('${localEnv:nope:${localEnv:baz}}'), '${localEnv}');
    assert.equal(sub('${localEnv:baz}}'), 'somevalue}');
    assert.equal(sub('${localEnv:baz'), '${localEnv:baz');
  });

  it('substitutes several variables in one string', () => {
    assert.equal(
      sub('${localEnv:baz}-${localWorkspaceFolder}-${localEnv:baz}'),
      'somevalue-/foo/bar-somevalue',
    );
  });

  it('ignores environment entries that are undefined or inherited', () => {
    assert.equal(sub('[${localEnv:UNSET:d}]', { ...CONTEXT, env: { UNSET: undefined } }), '[d]');
    assert.equal(sub('[${localEnv:toString}]'), '[]');
  });

  it('rejects ${localEnv} without a variable name', () => {
    assert.throws(
      () =>
        substituteVariables(
          { a: '${localEnv}' },
          { ...CONTEXT, configFile: '/p/devcontainer.json' },
        ),
      (error: unknown) =>
        isConfigError(error) &&
        /'\$\{localEnv\}' in devcontainer\.json cannot be resolved/.test(error.message),
    );
    assert.throws(() => sub('${env}'), /names no environment variable/);
  });

  it('walks every string in the tree but not the keys', () => {
    const input = {
      '${localEnv:baz}': '${localEnv:baz}',
      list: ['${localWorkspaceFolder}', 1, true, null, ['${localEnv:baz}']],
      nested: { deep: { value: '${localWorkspaceFolderBasename}' } },
      number: 3,
      flag: false,
      nothing: null,
    };
    assert.deepEqual(substituteVariables(input, CONTEXT), {
      '${localEnv:baz}': 'somevalue',
      list: ['/foo/bar', 1, true, null, ['somevalue']],
      nested: { deep: { value: 'bar' } },
      number: 3,
      flag: false,
      nothing: null,
    });
  });

  it('does not change its input', () => {
    const input = { a: '${localEnv:baz}', b: ['${localEnv:baz}'] };
    substituteVariables(input, CONTEXT);
    assert.deepEqual(input, { a: '${localEnv:baz}', b: ['${localEnv:baz}'] });
  });

  it('substitutes a bare string', () => {
    assert.equal(substituteVariables('${localEnv:baz}', CONTEXT), 'somevalue');
  });

  it('does not treat replacement text specially', () => {
    const context = { ...CONTEXT, env: { X: '$& $1 $$ ${localEnv:baz}' } };
    assert.equal(sub('${localEnv:X}', context), '$& $1 $$ ${localEnv:baz}');
  });
});

describe('substitution while planning a workspace', () => {
  const folder = '/Users/me/proj${localEnv:X}';
  const plan = (config: object) =>
    planWorkspace(
      new MemoryFileSystem({
        [`${folder}/.devcontainer/devcontainer.json`]: JSON.stringify(config),
      }),
      { workspaceFolder: folder, settings: {}, env: { X: 'host-secret', HOME: '/Users/me' } },
    );

  it('never puts a host variable named by the folder name into the container', async () => {
    const result = await plan({
      image: 'alpine:3',
      postCreateCommand: 'ls ${containerWorkspaceFolder}',
      containerEnv: { W: '${containerWorkspaceFolderBasename}' },
    });
    assert.equal(result.remoteWorkspaceFolder, '/workspaces/proj${localEnv:X}');
    assert.ok(!JSON.stringify(result).includes('host-secret'), 'X stays on the host');
    assert.equal(
      result.lifecycle.postCreateCommand?.commands[0]?.command,
      'ls /workspaces/proj${localEnv:X}',
    );
  });

  it('still resolves the variables a workspaceFolder is written with, once', async () => {
    const result = await plan({
      image: 'alpine:3',
      workspaceFolder: '/src/${localWorkspaceFolderBasename}',
      postCreateCommand: 'ls ${containerWorkspaceFolder}',
    });
    assert.equal(result.remoteWorkspaceFolder, '/src/proj${localEnv:X}');
    assert.ok(!JSON.stringify(result).includes('host-secret'));
  });
});

describe('substituteContainerEnv', () => {
  it('resolves containerEnv with defaults, as the reference does', () => {
    const result = substituteContainerEnv(
      {
        a: 'bar${containerEnv:baz:default}bar',
        b: '${containerEnv:PATH}:/extra',
        c: '${containerEnv:nope}',
      },
      { PATH: '/usr/bin' },
    );
    assert.deepEqual(result, { a: 'bardefaultbar', b: '/usr/bin:/extra', c: '' });
  });

  it('leaves every other variable alone', () => {
    assert.deepEqual(substituteContainerEnv(['${localEnv:X}', '${devcontainerId}'], {}), [
      '${localEnv:X}',
      '${devcontainerId}',
    ]);
  });

  it('rejects ${containerEnv} without a variable name', () => {
    assert.throws(
      () => substituteContainerEnv('${containerEnv}', {}),
      /names no environment variable/,
    );
  });
});
