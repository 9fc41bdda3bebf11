import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  featureMetadataEntry,
  parseFeatureMetadata,
} from '../../../src/core/features/featureMetadata';
import { configError } from './fixtures';

const FILE = '/work/project/.devcontainer/hello/devcontainer-feature.json';

function parse(text: string) {
  return parseFeatureMetadata(text, FILE, './hello');
}

describe('parseFeatureMetadata', () => {
  it('reads every property of the spec, with comments', () => {
    const { metadata, warnings } = parse(`{
      // a comment
      "id": "hello",
      "version": "1.2.3",
      "name": "Hello",
      "description": "Says hello",
      "documentationURL": "https://example.com/doc",
      "licenseURL": "https://example.com/license",
      "keywords": ["greeting"],
      "options": {
        "greeting": { "type": "string", "proposals": ["hey", "hi"], "default": "hey" },
        "color": { "type": "string", "enum": ["red", "gold"], "default": "red" },
        "loud": { "type": "boolean", "default": false }
      },
      "containerEnv": { "HELLO": "1" },
      "mounts": [{ "source": "v", "target": "/v", "type": "volume" }, "type=bind,source=/a,target=/b"],
      "init": true,
      "privileged": true,
      "capAdd": ["SYS_PTRACE"],
      "securityOpt": ["seccomp=unconfined"],
      "entrypoint": "/usr/local/share/hello.sh",
      "customizations": { "vscode": { "extensions": ["a.b"] } },
      "dependsOn": { "ghcr.io/devcontainers/features/common-utils:2": { "installZsh": true }, "./other": "1" },
      "installsAfter": ["ghcr.io/devcontainers/features/node"],
      "legacyIds": ["hi"],
      "currentId": "hello",
      "deprecated": false,
      "onCreateCommand": "a",
      "updateContentCommand": ["b", "c"],
      "postCreateCommand": { "one": "d", "two": ["e"] },
      "postStartCommand": "f",
      "postAttachCommand": "g",
    }`);
    assert.deepEqual(warnings, []);
    assert.equal(metadata.id, 'hello');
    assert.equal(metadata.version, '1.2.3');
    assert.deepEqual(Object.keys(metadata.options), ['greeting', 'color', 'loud']);
    assert.deepEqual(metadata.options['color'], {
      type: 'string',
      enum: ['red', 'gold'],
      default: 'red',
    });
    assert.deepEqual(metadata.dependsOn, {
      'ghcr.io/devcontainers/features/common-utils:2': { installZsh: true },
      './other': '1',
    });
    assert.deepEqual(metadata.installsAfter, ['ghcr.io/devcontainers/features/node']);
    assert.deepEqual(metadata.legacyIds, ['hi']);
    assert.equal(metadata.entrypoint, '/usr/local/share/hello.sh');
    assert.deepEqual(metadata.postCreateCommand, { one: 'd', two: ['e'] });
    assert.equal(metadata.privileged, true);
    assert.deepEqual(metadata.mounts?.length, 2);
  });

  it('fills the list properties when they are absent', () => {
    const { metadata } = parse('{ "id": "hello", "version": "1.0.0" }');
    assert.deepEqual(metadata.options, {});
    assert.deepEqual(metadata.dependsOn, {});
    assert.deepEqual(metadata.installsAfter, []);
    assert.deepEqual(metadata.legacyIds, []);
    assert.equal('name' in metadata, false);
  });

  it('moves top-level extensions and settings into customizations.vscode, as the reference does', () => {
    const { metadata } = parse(`{
      "id": "b", "version": "1.0.0",
      "extensions": ["ms-dotnettools.csharp"],
      "settings": { "files.watcherExclude": { "**/test/**": true } },
      "customizations": { "vscode": { "extensions": ["first.one"] } }
    }`);
    assert.deepEqual(metadata.customizations, {
      vscode: {
        extensions: ['first.one', 'ms-dotnettools.csharp'],
        settings: { 'files.watcherExclude': { '**/test/**': true } },
      },
    });
    assert.equal('extensions' in metadata, false);
  });

  it('warns when a default is not among its enum', () => {
    const { warnings } = parse(
      '{ "id": "a", "version": "1", "options": { "c": { "type": "string", "enum": ["x"], "default": "y" } } }',
    );
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.feature, './hello');
    assert.match(
      warnings[0]!.message,
      /default of option "c" \("y"\) is not one of its allowed values/,
    );
  });

  it('names the Feature and the position of a syntax error', () => {
    const error = configError(() => parse('{\n  "id": "a",\n  "version": "1"\n  "name": "x"\n}'));
    assert.equal(error.file, FILE);
    assert.equal(error.line, 4);
    assert.equal(error.column, 3);
    assert.match(error.message, /^Feature "\.\/hello": Expected a comma between properties\.$/);
  });

  it('requires id and version', () => {
    assert.match(
      configError(() => parse('{ "version": "1.0.0" }')).message,
      /^Feature "\.\/hello": devcontainer-feature\.json must have an "id"/,
    );
    assert.match(
      configError(() => parse('{ "id": "x" }')).message,
      /must have a "version", such as "1\.0\.0"/,
    );
    assert.match(
      configError(() => parse('{ "id": " ", "version": "1" }')).message,
      /"id" must not be empty/,
    );
  });

  for (const [body, pattern, line] of [
    ['"version": 1', /"version" must be a string, not a number/, 3],
    ['"options": []', /"options" must be an object of option declarations, not an array/, 3],
    ['"options": { "a": "x" }', /"options\.a" must be an object/, 3],
    [
      '"options": {\n"a": { "default": "x" } }',
      /"options\.a\.type" must be "boolean" or "string", not missing/,
      4,
    ],
    [
      '"options": {\n"a": { "type": "number" } }',
      /"options\.a\.type" must be "boolean" or "string", not "number"/,
      4,
    ],
    [
      '"options": {\n"a": { "type": "boolean", "default": "yes" } }',
      /"options\.a\.default" must be true or false, like its type, not a string/,
      4,
    ],
    [
      '"options": {\n"a": { "type": "string", "default": 1 } }',
      /"options\.a\.default" must be a string, like its type/,
      4,
    ],
    [
      '"options": {\n"a": { "type": "string", "enum": "x" } }',
      /"options\.a\.enum" must be an array of strings/,
      4,
    ],
    [
      '"options": {\n"a": { "type": "string", "proposals": [1] } }',
      /"options\.a\.proposals\[0\]" must be a string/,
      4,
    ],
    [
      '"options": {\n"a": { "type": "boolean", "enum": ["x"] } }',
      /"options\.a\.enum" is only for string options/,
      4,
    ],
    [
      '"dependsOn": ["./a"]',
      /"dependsOn" must be an object of Feature ids and their options, not an array/,
      3,
    ],
    ['"dependsOn": {\n"./a": 1 }', /"dependsOn\["\.\/a"\]" must be an object of options/, 4],
    ['"installsAfter": "./a"', /"installsAfter" must be an array of strings, not a string/, 3],
    ['"legacyIds": [1]', /"legacyIds\[0\]" must be a string/, 3],
    ['"entrypoint": ["/x"]', /"entrypoint" must be a string, not an array/, 3],
    ['"deprecated": "yes"', /"deprecated" must be true or false/, 3],
    ['"containerEnv": { "A": 1 }', /"containerEnv\.A" must be a string, not a number/, 3],
    ['"mounts": [{ "source": "x" }]', /"mounts\[0\]" must have a "type"/, 3],
    ['"postStartCommand": 3', /"postStartCommand" must be a command string/, 3],
  ] as const) {
    it(`reports ${pattern.source.slice(0, 50)} at its line`, () => {
      const error = configError(() => parse(`{\n"id": "a", "version": "1.0.0",\n${body}\n}`));
      assert.match(error.message, pattern);
      assert.match(error.message, /^Feature "\.\/hello": /);
      assert.equal(error.file, FILE);
      assert.equal(error.line, line);
    });
  }

  it('reports the first problem in the file when there are several', () => {
    const error = configError(() =>
      parse('{\n"id": "a", "version": "1.0.0",\n"legacyIds": 1,\n"deprecated": 2\n}'),
    );
    assert.match(error.message, /legacyIds/);
  });
});

describe('featureMetadataEntry', () => {
  it('records what the reference records for a Feature, under the id as written', () => {
    const { metadata } = parse(`{
      "id": "hello", "version": "1.0.0", "name": "Hello",
      "containerEnv": { "A": "1" }, "init": true, "privileged": false, "capAdd": ["SYS_PTRACE"],
      "entrypoint": "/e.sh", "mounts": ["type=volume,source=x,target=/x"],
      "customizations": { "vscode": {} }, "postStartCommand": "echo",
      "options": { "a": { "type": "string", "default": "x" } }
    }`);
    assert.deepEqual(featureMetadataEntry('ghcr.io/x/hello:1', metadata), {
      id: 'ghcr.io/x/hello:1',
      init: true,
      privileged: false,
      capAdd: ['SYS_PTRACE'],
      entrypoint: '/e.sh',
      mounts: ['type=volume,source=x,target=/x'],
      customizations: { vscode: {} },
      postStartCommand: 'echo',
    });
  });
});
