import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'mocha';
import {
  BUILTIN_ENV_FILE,
  FEATURE_ENV_FILE,
  FEATURE_WRAPPER_FILE,
  envFileText,
  installScript,
  parseFeatureProgress,
  prepareScript,
  shellDoubleQuote,
  shellQuote,
  wrapperScript,
  type WrapperInput,
} from '../../../src/core/features/buildScripts';
import { configError } from './fixtures';

/**
 * The generated scripts, run by the machine's /bin/sh (dash on Debian, the
 * shell of most images) in a folder laid out as in the image.
 */

const NASTY = [
  '',
  'plain',
  'two words',
  `it's`,
  '"double"',
  '$HOME ${HOME} $(touch /tmp/slipway-pwned) `id`',
  'back\\slash\\',
  'line one\nline two\n',
  '!history -dash',
  'tab\there',
  'naïve ☃',
  "'",
  '\\"$`',
];

const roots: string[] = [];
after(() => {
  for (const root of roots) {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

function tempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-build-scripts-'));
  roots.push(root);
  return root;
}

function sh(args: string[], cwd?: string): { status: number | null; out: string } {
  const result = spawnSync('sh', args, { cwd, encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

/** A Feature folder as the image holds it, with its wrapper, env file and install.sh. */
function featureFolder(
  root: string,
  folder: string,
  install: string,
  wrapper: WrapperInput,
): string {
  const dir = path.join(root, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'install.sh'), install, { mode: 0o644 });
  fs.writeFileSync(path.join(dir, FEATURE_ENV_FILE), envFileText(wrapper.env, 'test'));
  fs.writeFileSync(path.join(dir, FEATURE_WRAPPER_FILE), wrapperScript(wrapper), { mode: 0o755 });
  return dir;
}

const WRAPPER: WrapperInput = {
  userId: 'ghcr.io/devcontainers/features/node:1',
  name: 'Node.js',
  version: '1.6.2',
  documentationURL: 'https://example.test/node',
  env: { VERSION: `18 "lts" $x`, INSTALLYARN: 'true' },
  index: 2,
  total: 3,
};

describe('build scripts: quoting', () => {
  it('single-quotes any text for sh', () => {
    for (const value of NASTY) {
      const { status, out } = sh(['-c', `printf '%s' ${shellQuote(value)}`]);
      assert.equal(status, 0);
      assert.equal(out, value);
    }
  });

  it('double-quotes any text for sh, leaving plain text as the reference writes it', () => {
    for (const value of NASTY) {
      const { out } = sh(['-c', `printf '%s' ${shellDoubleQuote(value)}`]);
      assert.equal(out, value);
    }
    assert.equal(shellDoubleQuote('18'), '"18"');
  });

  it('writes env files whose values come back exactly when sourced', () => {
    const root = tempRoot();
    const env = Object.fromEntries(NASTY.map((value, index) => [`V${index}`, value]));
    fs.writeFileSync(path.join(root, 'values.env'), envFileText(env, 'test'));
    // Exported: a child shell (as install.sh is) prints them.
    const names = Object.keys(env).map((name) => `"$${name}"`);
    const script = `set -a; . ./values.env; set +a; sh -c 'printf "%s\\0" ${names.join(' ')}'`;
    const { status, out } = sh(['-c', script], root);
    assert.equal(status, 0, out);
    assert.deepEqual(out.split('\0').slice(0, -1), NASTY);
    assert.ok(!fs.existsSync('/tmp/slipway-pwned'));
  });

  it('refuses names that are no variable names and values with NUL', () => {
    assert.match(
      configError(() => envFileText({ '': 'x' }, 'Feature "f"')).message,
      /^Feature "f": "" is not a variable name, so install\.sh cannot get it/,
    );
    assert.match(
      configError(() => envFileText({ A: 'x\0' }, 'Feature "f"')).message,
      /the value of A contains a NUL character/,
    );
  });
});

describe('build scripts: the install wrapper', () => {
  it('exports the builtin and option variables to install.sh and reports progress', () => {
    const root = tempRoot();
    fs.writeFileSync(
      path.join(root, BUILTIN_ENV_FILE),
      envFileText({ _REMOTE_USER: 'vscode' }, 't'),
    );
    const install = `#!/bin/sh\nprintf 'VERSION=[%s] YARN=[%s] USER=[%s] PWD=[%s]\\n' "$VERSION" "$INSTALLYARN" "$_REMOTE_USER" "$(basename "$PWD")"\n`;
    featureFolder(root, 'node_2', install, WRAPPER);
    const { status, out } = sh([path.join(root, 'node_2', FEATURE_WRAPPER_FILE)], os.tmpdir());
    assert.equal(status, 0, out);
    const lines = out.split('\n');
    assert.equal(lines[0], '##slipway-feature begin 2/3');
    assert.ok(lines.includes('Feature       : Node.js'));
    assert.ok(lines.includes('Id            : ghcr.io/devcontainers/features/node:1'));
    assert.ok(lines.includes('    VERSION="18 \\"lts\\" $x"'));
    assert.ok(lines.includes('VERSION=[18 "lts" $x] YARN=[true] USER=[vscode] PWD=[node_2]'));
    assert.equal(lines.at(-2), '##slipway-feature end 2/3 0');
  });

  it('fails with the install status, naming the Feature and its documentation', () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, BUILTIN_ENV_FILE), '');
    featureFolder(root, 'node_2', '#!/bin/sh\necho compiling\nexit 7\n', WRAPPER);
    const { status, out } = sh([path.join(root, 'node_2', FEATURE_WRAPPER_FILE)]);
    assert.equal(status, 7);
    assert.match(out, /compiling\n##slipway-feature end 2\/3 7\n/);
    assert.match(
      out,
      /ERROR: Feature "Node\.js" \(ghcr\.io\/devcontainers\/features\/node:1\) failed to install \(exit status 7\)\. See https:\/\/example\.test\/node for help\.\n$/,
    );
  });

  it('says so when the Feature has no install.sh', () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, BUILTIN_ENV_FILE), '');
    const dir = featureFolder(root, 'x_1', '', { ...WRAPPER, name: undefined, userId: './x' });
    fs.rmSync(path.join(dir, 'install.sh'));
    const { status, out } = sh([path.join(dir, FEATURE_WRAPPER_FILE)]);
    assert.equal(status, 1);
    assert.match(out, /The Feature has no install\.sh\.\n/);
    assert.match(out, /ERROR: Feature \.\/x failed to install \(exit status 1\)\./);
  });
});

describe('build scripts: home folders', () => {
  it('appends the homes from the passwd database, empty for unknown users', () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, BUILTIN_ENV_FILE), '_REMOTE_USER="root"\n');
    const script = prepareScript([
      { variable: '_CONTAINER_USER_HOME', user: 'root' },
      { variable: '_REMOTE_USER_HOME', user: `no-such-user-'$(id)` },
    ]);
    fs.writeFileSync(path.join(root, 'prepare.sh'), script);
    const { status, out } = sh([path.join(root, 'prepare.sh')], os.tmpdir());
    assert.equal(status, 0, out);
    const rootHome = sh(['-c', 'getent passwd root | cut -d: -f6']).out.trim();
    assert.equal(
      fs.readFileSync(path.join(root, BUILTIN_ENV_FILE), 'utf8'),
      `_REMOTE_USER="root"\n_CONTAINER_USER_HOME="${rootHome}"\n_REMOTE_USER_HOME=""\n`,
    );
  });

  it('finds users by uid too', () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, BUILTIN_ENV_FILE), '');
    fs.writeFileSync(
      path.join(root, 'prepare.sh'),
      prepareScript([{ variable: '_REMOTE_USER_HOME', user: '0' }]),
    );
    assert.equal(sh([path.join(root, 'prepare.sh')]).status, 0);
    assert.match(
      fs.readFileSync(path.join(root, BUILTIN_ENV_FILE), 'utf8'),
      /^_REMOTE_USER_HOME="\/.+"\n$/,
    );
  });
});

describe('build scripts: the install script', () => {
  function twoFeatures(): string {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, BUILTIN_ENV_FILE), '');
    const log = path.join(root, 'order.log');
    for (const [index, folder] of ['first_1', 'second_2'].entries()) {
      featureFolder(root, folder, `#!/bin/sh\necho ${folder} >> ${shellQuote(log)}\n`, {
        ...WRAPPER,
        userId: folder,
        index: index + 1,
        total: 2,
      });
      // Modes as a copy from the host may leave them: install.sh not executable.
      fs.chmodSync(path.join(root, folder, FEATURE_WRAPPER_FILE), 0o644);
    }
    fs.writeFileSync(path.join(root, 'install.sh'), installScript(['first_1', 'second_2']));
    return root;
  }

  it('installs the Features it is given, in that order, and removes their folders', () => {
    const root = twoFeatures();
    const { status, out } = sh([path.join(root, 'install.sh'), '2', '1'], os.tmpdir());
    assert.equal(status, 0, out);
    assert.equal(fs.readFileSync(path.join(root, 'order.log'), 'utf8'), 'second_2\nfirst_1\n');
    assert.ok(!fs.existsSync(path.join(root, 'first_1')));
    assert.ok(!fs.existsSync(path.join(root, 'second_2')));
    assert.deepEqual(
      out
        .split('\n')
        .map((line) => parseFeatureProgress(line))
        .filter((event) => event !== undefined),
      [
        { event: 'begin', index: 2, total: 2 },
        { event: 'end', index: 2, total: 2, status: 0 },
        { event: 'begin', index: 1, total: 2 },
        { event: 'end', index: 1, total: 2, status: 0 },
      ],
    );
  });

  it('stops at an unknown number', () => {
    const root = twoFeatures();
    const { status, out } = sh([path.join(root, 'install.sh'), '3']);
    assert.equal(status, 2);
    assert.match(out, /slipway-features-install\.sh: there is no Feature 3/);
  });
});

describe('parseFeatureProgress', () => {
  it('reads the marker after BuildKit’s step number and time', () => {
    assert.deepEqual(parseFeatureProgress('#9 0.412 ##slipway-feature begin 3/12'), {
      event: 'begin',
      index: 3,
      total: 12,
    });
    assert.deepEqual(parseFeatureProgress('#9 12.5 ##slipway-feature end 3/12 127\r'), {
      event: 'end',
      index: 3,
      total: 12,
      status: 127,
    });
    assert.deepEqual(parseFeatureProgress('##slipway-feature end 1/1 0'), {
      event: 'end',
      index: 1,
      total: 1,
      status: 0,
    });
  });

  it('ignores other lines and malformed markers', () => {
    for (const line of [
      '#9 0.1 installing node',
      '##slipway-feature begin 3/12 0',
      '##slipway-feature end 3/12',
      '##slipway-feature started 1/2',
      "printf '%s\\n' '##slipway-feature begin 1/2'",
    ]) {
      assert.equal(parseFeatureProgress(line), undefined, line);
    }
  });
});
