import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MAX_JSON_DEPTH, MAX_JSON_ENTRIES } from '../../../src/core/config/jsonLimits';
import { readMetadataLabel } from '../../../src/core/config/metadata';
import { planWorkspace } from '../../../src/core/engine/planWorkspace';
import { readJsonDocument } from '../../../src/core/features/jsonDocument';
import { MemoryFileSystem } from '../../support/memoryFs';

const W = '/w';
const FILE = `${W}/.devcontainer.json`;

/** Plans a config text; the error's name, position and message, or 'planned'. */
async function planText(text: string): Promise<string> {
  const fs = new MemoryFileSystem({ [FILE]: text });
  try {
    await planWorkspace(fs, { workspaceFolder: W, settings: {}, env: {} });
    return 'planned';
  } catch (error) {
    const { name, message, line, column } = error as Error & { line?: number; column?: number };
    return `${name} ${line}:${column} ${message}`;
  }
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

describe('limits on the shape of JSON', () => {
  it('refuses a config nested thousands deep at the bracket, before it overflows the stack', async () => {
    const text = `{\n  "image": "busybox",\n  "customizations": ${nested(3000)}\n}`;
    const result = await planText(text);
    // The opening bracket that is one too deep: the root object is the first level.
    assert.equal(
      result,
      `SlipwayConfigError 3:${21 + MAX_JSON_DEPTH - 1} Arrays and objects are nested more than ${MAX_JSON_DEPTH} deep here; Slipway reads no deeper. Flatten this value.`,
    );
  });

  it('refuses 100,000 containerEnv entries at the object, before it overflows the stack', async () => {
    const env = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`V${i}`, 'x']));
    const text = `{\n  "image": "busybox",\n  "containerEnv": ${JSON.stringify(env)}\n}`;
    assert.equal(
      await planText(text),
      `SlipwayConfigError 3:19 This object has more than ${MAX_JSON_ENTRIES} entries; Slipway reads at most ${MAX_JSON_ENTRIES} in one array or object.`,
    );
  });

  it('plans configs up to the limits', async () => {
    const env = Object.fromEntries(
      Array.from({ length: MAX_JSON_ENTRIES }, (_, i) => [`V${i}`, 'x']),
    );
    assert.equal(
      await planText(JSON.stringify({ image: 'busybox', containerEnv: env })),
      'planned',
    );
    const deep = `{"image": "busybox", "customizations": {"x": ${nested(MAX_JSON_DEPTH - 2)}}}`;
    assert.equal(await planText(deep), 'planned');
  });

  it('does not count brackets and commas in strings and comments', async () => {
    const text = [
      '{',
      `  // ${'['.repeat(500)}`,
      `  /* ${'{'.repeat(500)}\n${','.repeat(MAX_JSON_ENTRIES + 1)} */`,
      `  "image": "busybox",`,
      `  "containerEnv": { "A": ${JSON.stringify(`[{\\"${','.repeat(MAX_JSON_ENTRIES + 1)}`)} }`,
      '}',
    ].join('\n');
    assert.equal(await planText(text), 'planned');
  });

  it('refuses a deep devcontainer-lock.json with its position', () => {
    const text = `{"features": ${nested(3000)}}`;
    assert.throws(
      () => readJsonDocument(text, '/w/.devcontainer/devcontainer-lock.json'),
      (error: Error & { line?: number; column?: number; file?: string }) => {
        assert.equal(error.name, 'SlipwayConfigError');
        assert.equal(error.file, '/w/.devcontainer/devcontainer-lock.json');
        assert.equal(`${error.line}:${error.column}`, `1:${14 + MAX_JSON_DEPTH - 1}`);
        return true;
      },
    );
  });

  it('ignores a deep devcontainer.metadata label, saying why', () => {
    const reading = readMetadataLabel(`[{"customizations": ${nested(3000)}}]`);
    assert.deepEqual(reading.entries, []);
    assert.match(reading.problems.join(), /label was ignored: .*nested more than 100 deep/);
  });
});
