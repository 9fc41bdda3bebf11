import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { parseConfigText } from '../../../src/core/config/parse';
import { substituteVariables } from '../../../src/core/config/substitute';
import { isConfigError, type ConfigError } from '../../../src/core/errors';
import { corpusCases } from '../../support/corpus';

const FILE = '/work/project/.devcontainer/devcontainer.json';

/** The ConfigError parsing `text` throws, with its position and message. */
function parseError(text: string, file = FILE): ConfigError {
  try {
    parseConfigText(text, file);
  } catch (error) {
    if (isConfigError(error)) {
      return error;
    }
    throw error;
  }
  assert.fail(`expected ${JSON.stringify(text)} to fail`);
}

function where(error: ConfigError): string {
  return `${error.line}:${error.column}`;
}

describe('parseConfigText', () => {
  it('reads JSON with comments and trailing commas', () => {
    const parsed = parseConfigText(
      [
        '// A dev container',
        '{',
        '  /* the image */ "image": "debian", // trailing comment',
        '  "runArgs": ["--init",],',
        '}',
      ].join('\n'),
      FILE,
    );
    assert.equal(parsed.file, FILE);
    assert.deepEqual(parsed.config, { image: 'debian', runArgs: ['--init'] });
  });

  it('locates values by JSON path, 1-based', () => {
    const text = [
      '{',
      '  "image": "debian",',
      '  "runArgs": ["--init", "--cpus", "2"],',
      '  "build": { "args": { "A": "1" } }',
      '}',
    ].join('\n');
    const { locate } = parseConfigText(text, FILE);
    assert.deepEqual(locate(['image']), { line: 2, column: 12 });
    assert.deepEqual(locate(['runArgs']), { line: 3, column: 14 });
    assert.deepEqual(locate(['runArgs', 2]), { line: 3, column: 35 });
    assert.deepEqual(locate(['build', 'args', 'A']), { line: 4, column: 29 });
    assert.equal(locate(['runArgs', 3]), undefined);
    assert.equal(locate(['missing']), undefined);
    assert.equal(locate(['image', 0]), undefined);
    assert.equal(locate(['runArgs', 'length']), undefined);
  });

  it('counts lines after \\r\\n and \\r line breaks', () => {
    const { locate } = parseConfigText('{\r\n  "image": "a",\r  "name": "b"\r\n}', FILE);
    assert.deepEqual(locate(['image']), { line: 2, column: 12 });
    assert.deepEqual(locate(['name']), { line: 3, column: 11 });
  });

  it('ignores a byte order mark', () => {
    const parsed = parseConfigText('\uFEFF{"image": "a"}', FILE);
    assert.deepEqual(parsed.config, { image: 'a' });
    assert.deepEqual(parsed.locate(['image']), { line: 1, column: 11 });
    assert.equal(where(parseError('\uFEFF{"image" "a"}')), '1:10');
  });

  it('takes the last of duplicate keys, and locates that one', () => {
    const parsed = parseConfigText('{"image": "a",\n"image": "b"}', FILE);
    assert.equal(parsed.config.image, 'b');
    assert.deepEqual(parsed.locate(['image']), { line: 2, column: 10 });
  });

  it('keeps a __proto__ key as data', () => {
    const parsed = parseConfigText('{"containerEnv": {"__proto__": "x", "A": "b"}}', FILE);
    const env = parsed.config.containerEnv ?? {};
    assert.equal(Object.getPrototypeOf(env), Object.prototype);
    assert.deepEqual(Object.keys(env), ['__proto__', 'A']);
  });

  it('moves legacy properties, and locates build.dockerfile at dockerFile', () => {
    const parsed = parseConfigText(
      '{\n  "dockerFile": "Dockerfile",\n  "context": "..",\n  "build": { "args": { "A": "1" } },\n  "extensions": ["a.b"]\n}',
      FILE,
    );
    assert.deepEqual(parsed.config, {
      build: { dockerfile: 'Dockerfile', context: '..', args: { A: '1' } },
      customizations: { vscode: { extensions: ['a.b'] } },
    });
    assert.deepEqual(parsed.locate(['build', 'dockerfile']), { line: 2, column: 17 });
    assert.deepEqual(parsed.locate(['build', 'context']), { line: 3, column: 14 });
    assert.deepEqual(parsed.locate(['build', 'args', 'A']), { line: 4, column: 29 });
  });

  describe('syntax errors', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['{"image": "a" "name": "b"}', '1:15', /^Expected a comma between properties\.$/],
      ['{"runArgs": ["a" "b"]}', '1:18', /^Expected a comma between array items\.$/],
      ['{"runArgs": ["a", "b"}', '1:22', /closing bracket \(]\) to end the array, not }/],
      ['{"build": {"args": {}]', '1:22', /closing brace \(}\) to end the object, not ]/],
      ['{"image": "a", , "name": "b"}', '1:16', /^Expected a property name in double quotes\.$/],
      ['{"image": }', '1:11', /^Expected a value\.$/],
      ['{"image" "a"}', '1:10', /^Expected a colon \(:\) after the property name\.$/],
      ['{"image": "a"', '1:14', /^Expected a closing brace \(}\) to end the object\.$/],
      ['{"runArgs": ["a"', '1:17', /^Expected a closing bracket \(]\) to end the array\.$/],
      ['{"image": "a"} {}', '1:16', /^Unexpected text after the end of the JSON object\.$/],
      ['{"image": "a"}\n/* open', '2:1', /block comment is not closed/],
      ['{"image": "a\n"}', '1:11', /string is not closed/],
      ['{"cpus": 1.}', '1:10', /^This number is incomplete\.$/],
      ['{"cpus": 1.5e}', '1:10', /^This number is incomplete\.$/],
      ['{"image": "a\\u12g"}', '1:13', /\\u escape.*four hexadecimal digits/],
      ['{"image": "C:\\path"}', '1:14', /backslash must be followed by/],
      ['{"image": "a\tb"}', '1:13', /control character/],
      ["{'image': 'a'}", '1:2', /double quotes, not single quotes/],
      ['{"init": yes}', '1:10', /not "yes"\.$/],
      ['{\n  image: "a"}', '2:3', /^Property names must be in double quotes: "image"\.$/],
    ];
    for (const [text, position, message] of cases) {
      it(`${JSON.stringify(text)} fails at ${position}`, () => {
        const error = parseError(text);
        assert.equal(error.file, FILE);
        assert.equal(where(error), position);
        assert.match(error.message, message);
      });
    }

    it('never shows an error code name', () => {
      for (const [text] of cases) {
        assert.doesNotMatch(parseError(text).message, /[a-z][A-Z][a-z]+Expected|Invalid[A-Z]/);
      }
    });
  });

  describe('a file that is not an object', () => {
    for (const [text, message] of [
      ['', /must contain a JSON object .*empty/],
      ['  \n\t', /empty/],
      ['// nothing but a comment\n', /empty/],
      ['[]', /not an array/],
      ['"image"', /not a string/],
      ['42', /not a number/],
      ['null', /not null/],
    ] as const) {
      it(`${JSON.stringify(text)} is an error at 1:1`, () => {
        const error = parseError(text);
        assert.equal(where(error), '1:1');
        assert.match(error.message, /^devcontainer\.json must contain a JSON object/);
        assert.match(error.message, message);
      });
    }

    it('names .devcontainer.json when that is the file', () => {
      assert.match(parseError('[]', '/p/.devcontainer.json').message, /^\.devcontainer\.json must/);
    });
  });

  it('reports type errors at the value, from validation', () => {
    const error = parseError('{\n  "image": "debian",\n  "forwardPorts": "3000"\n}');
    assert.equal(where(error), '3:19');
    assert.equal(
      error.message,
      '"forwardPorts" must be an array of port numbers or "host:port" strings, not a string.',
    );
  });

  describe('the corpus', () => {
    const cases = corpusCases();

    it('has configs to read', () => {
      assert.ok(cases.length >= 50, `only ${cases.length} configs found`);
    });

    for (const corpusCase of cases) {
      it(`parses ${corpusCase.name}`, () => {
        const text = readFileSync(corpusCase.configFile, 'utf8');
        const parsed = parseConfigText(text, corpusCase.configFile);
        assert.equal(typeof parsed.config, 'object');
      });
    }
  });

  describe('quoting survives', () => {
    const awkward = {
      spaces: 'echo "hello world"  twice',
      quotes: `it's "quoted" \\"escaped\\"`,
      dollars: 'echo $HOME ${HOME} $(whoami) $$',
      backticks: 'echo `date` and ``',
      newlines: 'line one\nline two\r\n\ttabbed',
      unicode: 'naïve ☃ \u0000 end',
    };
    const text = JSON.stringify(
      {
        image: 'debian',
        containerEnv: awkward,
        postCreateCommand: Object.values(awkward),
        runArgs: ['--label', awkward.quotes],
      },
      null,
      2,
    );

    it('through parse', () => {
      const { config } = parseConfigText(text, FILE);
      assert.deepEqual(config.containerEnv, awkward);
      assert.deepEqual(config.postCreateCommand, Object.values(awkward));
      assert.deepEqual(config.runArgs, ['--label', awkward.quotes]);
    });

    it('through substitution', () => {
      const { config } = parseConfigText(text, FILE);
      const substituted = substituteVariables(config, {
        env: { HOME: '/Users/me' },
        localWorkspaceFolder: '/work/project',
        containerWorkspaceFolder: '/workspaces/project',
        devcontainerId: 'id',
      });
      // `${HOME}` is not a devcontainer.json variable, so it stays as written.
      assert.deepEqual(substituted, config);
    });
  });
});
