import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { FeatureMetadata } from '../../../src/core/features/featureMetadata';
import {
  builtinFeatureEnv,
  featureOptionEnvName,
  findFeatureUsers,
  resolveFeatureOptions,
} from '../../../src/core/features/featureOptions';
import type { ValueSite } from '../../../src/core/features/site';
import { CONFIG, configError } from './fixtures';

const PYTHON: Pick<FeatureMetadata, 'options'> = {
  options: {
    version: {
      type: 'string',
      enum: ['latest', '3.10', '3.9'],
      default: 'latest',
    },
    pip: { type: 'boolean', default: true },
    optimize: { type: 'boolean', default: true },
    toolsToInstall: { type: 'string', proposals: ['flake8', 'black'] },
  },
};

const SITE: ValueSite = {
  file: CONFIG,
  locate: (path) => ({ line: 10 + path.length, column: 5 }),
  path: ['features', 'ghcr.io/devcontainers/features/python:1'],
};

function resolve(value: Parameters<typeof resolveFeatureOptions>[0], metadata = PYTHON) {
  return resolveFeatureOptions(value, metadata, 'ghcr.io/devcontainers/features/python:1', SITE);
}

describe('featureOptionEnvName (the reference getSafeId)', () => {
  for (const [name, expected] of [
    ['option-name', 'OPTION_NAME'],
    ['option1-name-with_dashes-', 'OPTION1_NAME_WITH_DASHES_'],
    ['myOptionName', 'MYOPTIONNAME'],
    ['1name', '_NAME'],
    ['12345_option-name', '_OPTION_NAME'],
    ['__x', '_X'],
    ['dotted.name', 'DOTTED_NAME'],
    ['naïve', 'NA_VE'],
  ] as const) {
    it(`${name} → ${expected}`, () => {
      assert.equal(featureOptionEnvName(name), expected);
    });
  }
});

describe('resolveFeatureOptions', () => {
  it('produces the example of the spec', () => {
    const resolved = resolve({ version: '3.10', pip: false });
    assert.deepEqual(resolved.env, { VERSION: '3.10', PIP: 'false', OPTIMIZE: 'true' });
    assert.deepEqual(resolved.values, { version: '3.10', pip: false, optimize: true });
    assert.deepEqual(resolved.warnings, []);
  });

  it('uses the defaults for {} and leaves out options without a default', () => {
    assert.deepEqual(resolve({}).env, { VERSION: 'latest', PIP: 'true', OPTIMIZE: 'true' });
  });

  it('takes free values and values outside the proposals', () => {
    assert.equal(resolve({ toolsToInstall: 'flake8,mypy' }).env['TOOLSTOINSTALL'], 'flake8,mypy');
  });

  it('maps a string to the version option', () => {
    assert.deepEqual(resolve('3.9').values, { version: '3.9', pip: true, optimize: true });
  });

  it('ignores a string, with a warning, when the Feature has no version option', () => {
    const resolved = resolve('1.0', { options: { a: { type: 'string', default: 'x' } } });
    assert.deepEqual(resolved.env, { A: 'x' });
    assert.match(
      resolved.warnings[0]!.message,
      /no "version" option, so the value "1\.0" is ignored.*\("a"\)/,
    );
  });

  it('takes true as the defaults, and warns that false does not leave the Feature out', () => {
    assert.deepEqual(resolve(true).env, { VERSION: 'latest', PIP: 'true', OPTIMIZE: 'true' });
    assert.deepEqual(resolve(true).warnings, []);
    const off = resolve(false);
    assert.deepEqual(off.env, { VERSION: 'latest', PIP: 'true', OPTIMIZE: 'true' });
    assert.match(off.warnings[0]!.message, /set to false.*Remove it from "features"/);
  });

  it('accepts "true" and "false" for a boolean option', () => {
    assert.deepEqual(resolve({ pip: 'false' }).values['pip'], false);
  });

  it('rejects other values for a boolean option, at the option', () => {
    const error = configError(() => resolve({ pip: 'yes' }));
    assert.equal(
      error.message,
      'Feature "ghcr.io/devcontainers/features/python:1": option "pip" is true or false, not "yes". Write true or false without quotes.',
    );
    assert.equal(error.file, CONFIG);
    assert.equal(error.line, 13);
  });

  it('enforces an enum, listing the allowed values', () => {
    const error = configError(() => resolve({ version: '2.7' }));
    assert.match(
      error.message,
      /option "version" must be one of "latest", "3\.10", "3\.9", not "2\.7"\./,
    );
  });

  it('enforces the enum of the version shorthand too, at the value', () => {
    const error = configError(() => resolve('2.7'));
    assert.match(error.message, /option "version" must be one of/);
    assert.equal(error.line, 12);
  });

  it('passes a number for a string option as text, with a warning', () => {
    const resolved = resolve({ toolsToInstall: 18 });
    assert.equal(resolved.env['TOOLSTOINSTALL'], '18');
    assert.match(resolved.warnings[0]!.message, /the number 18 is passed as "18"/);
  });

  it('rejects booleans, null and objects for a string option', () => {
    assert.match(
      configError(() => resolve({ toolsToInstall: true })).message,
      /must be a string, not a boolean/,
    );
    assert.match(
      configError(() => resolve({ toolsToInstall: null })).message,
      /must be a string, not null/,
    );
    assert.match(
      configError(() => resolve({ toolsToInstall: ['a'] })).message,
      /must be a string, not an array/,
    );
  });

  it('passes undeclared options through, with a warning and a suggestion', () => {
    const resolved = resolve({ Pip: false, extra: 'x' });
    assert.deepEqual(resolved.env, {
      VERSION: 'latest',
      PIP: 'false',
      OPTIMIZE: 'true',
      EXTRA: 'x',
    });
    const messages = resolved.warnings.map((w) => w.message);
    assert.ok(messages.some((m) => /declares no option "Pip".*Did you mean "pip"\?/.test(m)));
    assert.ok(
      messages.some((m) =>
        /declares no option "extra"; it is passed as EXTRA anyway\. Its options are "version", "pip"/.test(
          m,
        ),
      ),
    );
    assert.ok(
      messages.some((m) =>
        /"pip" and "Pip" are both passed as PIP; the value of "Pip" wins/.test(m),
      ),
    );
  });

  it('rejects undeclared options with values no variable can hold', () => {
    assert.match(
      configError(() => resolve({ extra: { a: 1 } })).message,
      /option "extra" must be a string or true or false, not an object/,
    );
  });

  it('handles a Feature without options', () => {
    const resolved = resolve({}, { options: {} });
    assert.deepEqual(resolved, { values: {}, env: {}, warnings: [] });
  });
});

describe('builtinFeatureEnv', () => {
  it('passes the two users, and their homes when known', () => {
    assert.deepEqual(builtinFeatureEnv({ containerUser: 'root', remoteUser: 'vscode' }), {
      _CONTAINER_USER: 'root',
      _REMOTE_USER: 'vscode',
    });
    assert.deepEqual(
      builtinFeatureEnv({
        containerUser: 'root',
        remoteUser: 'vscode',
        containerUserHome: '/root',
        remoteUserHome: '/home/vscode',
      }),
      {
        _CONTAINER_USER: 'root',
        _REMOTE_USER: 'vscode',
        _CONTAINER_USER_HOME: '/root',
        _REMOTE_USER_HOME: '/home/vscode',
      },
    );
  });
});

describe('findFeatureUsers', () => {
  it('takes the last containerUser and remoteUser of the metadata', () => {
    assert.deepEqual(
      findFeatureUsers(
        [{ containerUser: 'a', remoteUser: 'x' }, { containerUser: 'b' }, { remoteUser: '' }],
        'imageUser',
      ),
      { containerUser: 'b', remoteUser: 'x' },
    );
  });

  it('falls back to the compose user, the image user, and the container user for remote', () => {
    assert.deepEqual(findFeatureUsers([], 'imageUser', 'composeUser'), {
      containerUser: 'composeUser',
      remoteUser: 'composeUser',
    });
    assert.deepEqual(findFeatureUsers([{}], 'root'), { containerUser: 'root', remoteUser: 'root' });
  });
});

describe('resolveFeatureOptions with hostile option names', () => {
  it('keeps __proto__ as an option, not a prototype', () => {
    const value = JSON.parse('{"__proto__": "x"}') as { [name: string]: unknown };
    const resolved = resolveFeatureOptions(value, { options: {} }, './a', SITE);
    assert.equal(Object.getPrototypeOf(resolved.values), Object.prototype);
    assert.deepEqual(Object.keys(resolved.env), ['_PROTO__']);
    assert.equal(resolved.env['_PROTO__'], 'x');
  });
});
