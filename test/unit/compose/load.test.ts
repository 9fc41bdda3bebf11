import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { loadComposeProject } from '../../../src/core/compose/load';
import { toPlain } from '../../../src/core/compose/tree';
import { isConfigError, type ConfigError } from '../../../src/core/errors';
import { MemoryFileSystem } from '../../support/memoryFs';

const WS = '/Users/me/proj';
const DC = `${WS}/.devcontainer`;
const CONFIG = `${DC}/devcontainer.json`;

function load(
  files: Record<string, string>,
  dockerComposeFile: string | string[] = 'compose.yml',
  env: Record<string, string> = {},
) {
  return loadComposeProject(new MemoryFileSystem(files), {
    configFile: CONFIG,
    workspaceFolder: WS,
    dockerComposeFile,
    locate: (jsonPath) =>
      jsonPath[0] === 'dockerComposeFile'
        ? { line: 3, column: 24 + Number(jsonPath[1] ?? 0) }
        : undefined,
    env,
  });
}

async function services(
  files: Record<string, string>,
  list?: string[],
  env?: Record<string, string>,
) {
  const project = await load(files, list, env);
  return (toPlain(project.model) as { services: Record<string, Record<string, unknown>> }).services;
}

async function loadError(
  files: Record<string, string>,
  list?: string[],
  env?: Record<string, string>,
): Promise<ConfigError> {
  try {
    await load(files, list, env);
  } catch (error) {
    if (isConfigError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the load to fail');
}

describe('compose: loading files', () => {
  it('interpolates values (not keys) from .env, with the host environment winning', async () => {
    const result = await services(
      {
        [`${DC}/.env`]: 'TAG=from-dotenv\nPORT=1\n',
        [`${DC}/compose.yml`]:
          'services:\n  ${KEY}:\n    image: "postgres:${TAG}"\n    ports: ["${PORT}:5432"]\n    environment:\n      PASSWORD: $$ecret\n',
      },
      undefined,
      { PORT: '6543' },
    );
    assert.deepEqual(result, {
      '${KEY}': {
        image: 'postgres:from-dotenv',
        ports: ['6543:5432'],
        environment: { PASSWORD: '$ecret' },
      },
    });
  });

  it('warns about unset variables at their position', async () => {
    const project = await load({
      [`${DC}/compose.yml`]: 'services:\n  app:\n    image: "x:${NOPE}"\n',
    });
    assert.deepEqual(project.warnings, [
      {
        property: `${DC}/compose.yml:3:12`,
        message:
          'services.app.image: the variable NOPE is not set; it is replaced by an empty string.',
      },
    ]);
  });

  it('merges files: mappings by key, sequences appended, command replaced, ports and volumes by key', async () => {
    const result = await services(
      {
        [`${DC}/compose.yml`]: [
          'services:',
          '  app:',
          '    image: a',
          '    command: ["one", "two"]',
          '    environment: [A=1, B=2]',
          '    cap_add: [NET_ADMIN]',
          '    ports: ["8080:80", "9090:90"]',
          '    volumes: ["./src:/src", "data:/data"]',
          '    healthcheck: {test: ["CMD", "a"], interval: 5s}',
        ].join('\n'),
        [`${DC}/override.yml`]: [
          'services:',
          '  app:',
          '    command: three',
          '    environment: {B: "3", C: "4"}',
          '    cap_add: [SYS_PTRACE, NET_ADMIN]',
          '    ports: ["8081:80", "9090:90"]',
          '    volumes: ["./other:/src:ro"]',
          '    healthcheck: {test: ["CMD", "b"]}',
        ].join('\n'),
      },
      ['compose.yml', 'override.yml'],
    );
    assert.deepEqual(result.app, {
      image: 'a',
      command: 'three',
      environment: { A: '1', B: '3', C: '4' },
      cap_add: ['NET_ADMIN', 'SYS_PTRACE'],
      ports: ['8080:80', '9090:90', '8081:80'],
      volumes: ['./other:/src:ro', 'data:/data'],
      healthcheck: { test: ['CMD', 'b'], interval: '5s' },
    });
  });

  it('honours !reset and !override, in the first file as in later ones', async () => {
    const result = await services(
      {
        [`${DC}/compose.yml`]:
          'services:\n  app:\n    image: a\n    ports: !reset ["1:1"]\n    dns: [1.1.1.1]\n    labels: {a: "1", b: "2"}\n',
        [`${DC}/two.yml`]:
          'services:\n  app:\n    dns: !reset []\n    labels: !override {c: "3"}\n',
      },
      ['compose.yml', 'two.yml'],
    );
    assert.deepEqual(result.app, { image: 'a', labels: { c: '3' } });
  });

  it('resolves anchors and << merge keys', async () => {
    const result = await services({
      [`${DC}/compose.yml`]:
        'x-common: &common\n  image: base\n  environment: {A: "1"}\nservices:\n  one:\n    <<: *common\n    image: own\n',
    });
    assert.deepEqual(result.one, { image: 'own', environment: { A: '1' } });
  });

  it('resolves extends in the same file and in another, recursively, rebasing paths', async () => {
    const result = await services({
      [`${DC}/compose.yml`]: [
        'services:',
        '  base:',
        '    image: base',
        '    environment: {A: "1", B: "1"}',
        '  mid:',
        '    extends: base',
        '    environment: {B: "2"}',
        '  app:',
        '    extends: {service: shared, file: ../common/shared.yml}',
        '    command: own',
        '  top:',
        '    extends: mid',
        '    cap_add: [X]',
      ].join('\n'),
      [`${WS}/common/shared.env`]: 'S=1\n',
      [`${WS}/common/shared.yml`]:
        'services:\n  shared:\n    build: ./ctx\n    command: theirs\n    env_file: shared.env\n',
    });
    assert.deepEqual(result.top, {
      image: 'base',
      environment: { A: '1', B: '2' },
      cap_add: ['X'],
    });
    assert.deepEqual(result.app, {
      build: { context: `${WS}/common/ctx` },
      command: 'own',
      env_file: `${WS}/common/shared.env`,
    });
  });

  it('refuses an extends cycle, naming it', async () => {
    const error = await loadError({
      [`${DC}/compose.yml`]: 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n',
    });
    assert.equal(error.message, 'services.b.extends: extends makes a cycle: a → b → a');
    assert.deepEqual([error.file, error.line, error.column], [`${DC}/compose.yml`, 5, 5]);
  });

  it('reads env_file files (required ones must exist)', async () => {
    const project = await load({
      [`${DC}/compose.yml`]:
        'services:\n  app:\n    image: a\n    env_file: [app.env, {path: optional.env, required: false}]\n',
      [`${DC}/app.env`]: 'X="quoted value"\n',
    });
    assert.deepEqual(Object.fromEntries(project.envFiles.get(`${DC}/app.env`) ?? []), {
      X: 'quoted value',
    });
    const error = await loadError({
      [`${DC}/compose.yml`]: 'services:\n  app:\n    env_file: missing.env\n',
    });
    assert.match(
      error.message,
      /^services.app.env_file: the env file .*missing.env does not exist/,
    );
    assert.deepEqual([error.line, error.column], [3, 15]);
  });

  it('points at devcontainer.json for a missing Compose file, at the list entry', async () => {
    const error = await loadError({ [`${DC}/compose.yml`]: 'services: {}\n' }, [
      'compose.yml',
      'nope.yml',
    ]);
    assert.equal(error.message, `The Compose file ${DC}/nope.yml does not exist.`);
    assert.deepEqual([error.file, error.line, error.column], [CONFIG, 3, 25]);
  });

  it('gives YAML errors and interpolation errors their file, line and column', async () => {
    const duplicate = await loadError({
      [`${DC}/compose.yml`]: 'services:\n  app:\n    image: a\n    image: b\n',
    });
    assert.equal(duplicate.file, `${DC}/compose.yml`);
    assert.equal(duplicate.line, 4);
    assert.match(duplicate.message, /unique/i);
    const required = await loadError({
      [`${DC}/compose.yml`]: 'services:\n  app:\n    image: "${IMG:?set IMG}"\n',
    });
    assert.equal(required.message, 'services.app.image: required variable IMG is missing: set IMG');
    assert.deepEqual([required.line, required.column], [3, 12]);
  });
});
