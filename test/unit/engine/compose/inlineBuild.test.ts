import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import type { ComposePlan } from '../../../../src/core/compose/types';
import type { ContainerClient, EngineDeps } from '../../../../src/core/engine/deps';
import { runComposeBuild } from '../../../../src/core/engine/compose/inlineBuild';
import { ConfigError } from '../../../../src/core/errors';
import { tempScratchFolders } from '../../../../src/node/scratchFolders';

const COMPOSE = {
  inlineDockerfiles: { tool: 'FROM busybox\nRUN true\n' },
} as unknown as ComposePlan;
const ARGS = ['build', '-f', '{{slipway-inline-dockerfile}}/tool.Dockerfile', '-t', 'x', '/ws'];

function depsRecording(
  seen: Array<{ args: string[]; text?: string; mode?: number }>,
  scratch = true,
): EngineDeps {
  const client = {
    runPlanned: (args: string[]) => {
      const file = args[2]!;
      seen.push({
        args,
        ...(existsSync(file)
          ? { text: readFileSync(file, 'utf8'), mode: statSync(file).mode & 0o777 }
          : {}),
      });
      return Promise.resolve('');
    },
  } as unknown as ContainerClient;
  return { client, ...(scratch ? { scratch: tempScratchFolders } : {}) } as EngineDeps;
}

describe('Compose build with dockerfile_inline', () => {
  it('writes the Dockerfile to a private temporary file for the build, then removes it', async () => {
    const seen: Array<{ args: string[]; text?: string; mode?: number }> = [];
    await runComposeBuild(depsRecording(seen), COMPOSE, ARGS, { onLog: () => undefined });
    assert.equal(seen.length, 1);
    const file = seen[0]!.args[2]!;
    assert.equal(path.basename(file), 'tool.Dockerfile');
    assert.ok(!file.startsWith('/ws'), 'never in the workspace');
    assert.equal(seen[0]!.text, 'FROM busybox\nRUN true\n');
    assert.equal(seen[0]!.mode, 0o600);
    // The context is left as planned; the folder is gone after the build.
    assert.equal(seen[0]!.args.at(-1), '/ws');
    assert.ok(!existsSync(path.dirname(file)));
  });

  it('passes other builds through unchanged', async () => {
    const seen: Array<{ args: string[] }> = [];
    const args = ['build', '-f', '/ws/Dockerfile', '/ws'];
    await runComposeBuild(depsRecording(seen, false), COMPOSE, args, { onLog: () => undefined });
    assert.deepEqual(seen[0]!.args, args);
  });

  it('without scratch folders, refuses clearly instead of building from a placeholder', async () => {
    await assert.rejects(
      runComposeBuild(depsRecording([], false), COMPOSE, ARGS, { onLog: () => undefined }),
      (error: unknown) => error instanceof ConfigError && /build\.dockerfile/.test(error.message),
    );
  });
});
