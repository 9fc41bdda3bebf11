import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { describe, it } from 'mocha';
import { planWorkspace } from '../../../src/core/engine/planWorkspace';
import { isConfigError } from '../../../src/core/errors';
import type { Plan } from '../../../src/core/plan/types';
import { NodeFileSystem } from '../../../src/node/fileSystem';
import { checkAppleArgv } from '../../support/appleGrammar';
import { copyCase, corpusCases, type CorpusCase } from '../../support/corpus';

/**
 * Every config in the conformance corpus either plans, with every `container`
 * argv valid for Apple's grammar (checked by an independent model written
 * from the reference), or stops with a clear error. Never a crash. Compose
 * configs plan as a whole project (networks, volumes, builds, every
 * service), or are refused at a file, line and column.
 */

const ENV = { HOME: '/Users/me', PATH: '/usr/bin:/bin', USER: 'me' };

interface Outcome {
  plan?: Plan;
  error?: { message: string; file?: string; line?: number; column?: number };
  wroteDockerfile?: string;
}

async function planCase(corpusCase: CorpusCase): Promise<Outcome> {
  const raw = parseJsonc(readFileSync(corpusCase.configFile, 'utf8')) as {
    build?: { dockerfile?: string };
    dockerFile?: string;
  };
  const copy = copyCase(corpusCase, raw.build?.dockerfile ?? raw.dockerFile);
  try {
    const plan = await planWorkspace(new NodeFileSystem(), {
      workspaceFolder: copy.workspaceFolder,
      configFile: copy.configFile,
      env: ENV,
      settings: {},
    });
    return { plan, wroteDockerfile: copy.wroteDockerfile };
  } catch (error) {
    if (isConfigError(error)) {
      const { message, file, line, column } = error;
      return { error: { message, file, line, column } };
    }
    throw error;
  } finally {
    rmSync(copy.workspaceFolder, { recursive: true, force: true });
  }
}

function isCompose(corpusCase: CorpusCase): boolean {
  const raw = parseJsonc(readFileSync(corpusCase.configFile, 'utf8')) as {
    dockerComposeFile?: unknown;
  };
  return raw.dockerComposeFile !== undefined;
}

function hasFeatures(corpusCase: CorpusCase): string[] {
  const raw = parseJsonc(readFileSync(corpusCase.configFile, 'utf8')) as { features?: object };
  return Object.keys(raw.features ?? {});
}

const cases = corpusCases();

describe('conformance over ../shared/corpus', () => {
  it('finds the corpus', () => {
    assert.ok(cases.length >= 50, `only ${cases.length} configs found`);
  });

  for (const corpusCase of cases) {
    it(corpusCase.name, async () => {
      const outcome = await planCase(corpusCase);
      if (outcome.error !== undefined) {
        const { message } = outcome.error;
        assert.ok(message.length > 20, `a clear message: ${message}`);
        assert.doesNotMatch(message, /\n\s+at /, 'no stack trace');
        assert.ok(outcome.error.file, 'the error names the file');
        assert.match(message, /Compose|neither "image" nor "build.dockerfile"/, message);
        if (isCompose(corpusCase)) {
          // Refused before anything is created, at a file, line and column, saying why.
          assert.ok(
            outcome.error.line !== undefined && outcome.error.column !== undefined,
            'points at the line and column',
          );
        }
        return;
      }
      const plan = outcome.plan!;
      assert.ok(plan.commands.length >= 1);
      if (isCompose(corpusCase)) {
        // The whole project, each service's container created once, the dev container among them.
        const compose = plan.compose!;
        assert.ok(compose, 'a Compose config plans as a Compose project');
        const runs = plan.commands.filter((command) => command.step === 'run');
        assert.equal(runs.length, compose.services.length);
        for (const service of compose.services) {
          assert.ok(
            runs.some((run) => run.argv.includes(service.containerName)),
            `${service.name} has its container`,
          );
        }
        assert.equal(compose.services.filter((s) => s.role === 'primary').length, 1);
        assert.equal(
          plan.containerName,
          compose.services.find((s) => s.role === 'primary')?.containerName,
        );
      } else {
        assert.equal(plan.commands.at(-1)?.step, 'run');
      }
      for (const command of plan.commands) {
        assert.equal(command.argv[0], 'container');
        assert.deepEqual(
          checkAppleArgv(command.argv),
          [],
          `${command.step}: ${JSON.stringify(command.argv)}`,
        );
        // The oldest release the plan says it needs must accept it too.
        assert.deepEqual(
          checkAppleArgv(command.argv, { version: command.minimumVersion }),
          [],
          `at ${command.minimumVersion}`,
        );
      }
      for (const feature of hasFeatures(corpusCase)) {
        assert.ok(
          plan.warnings.some((w) => w.property === 'features' && w.message.includes(feature)),
          `a warning names the Feature ${feature}`,
        );
      }
      assert.ok(path.isAbsolute(plan.remoteWorkspaceFolder));
    });
  }
});
