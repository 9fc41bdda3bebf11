import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { describe, it } from 'mocha';
import { parse as parseYaml } from 'yaml';
import { planWorkspace } from '../../../src/core/engine/planWorkspace';
import { NodeFileSystem } from '../../../src/node/fileSystem';
import { CORPUS } from '../../support/corpus';

/**
 * The project name of every Compose config in the corpus, as the reference
 * CLI (devcontainers/cli `getProjectName`) computes it: a table written by
 * hand, a small port of the reference's rules, and Slipway's plan must all
 * agree, so Slipway finds the containers the reference made, and back.
 */

const EXPECTED: Record<string, string> = {
  'devcontainers-cli-configs/compose-Dockerfile-alpine': 'compose-dockerfile-alpine_devcontainer',
  'devcontainers-cli-configs/compose-Dockerfile-with-features':
    'compose-dockerfile-with-features_devcontainer',
  'devcontainers-cli-configs/compose-Dockerfile-with-target':
    'compose-dockerfile-with-target_devcontainer',
  'devcontainers-cli-configs/compose-Dockerfile-without-features':
    'compose-dockerfile-without-features_devcontainer',
  'devcontainers-cli-configs/compose-image-with-features':
    'compose-image-with-features_devcontainer',
  'devcontainers-cli-configs/compose-image-with-mounts': 'compose-image-with-mounts_devcontainer',
  'devcontainers-cli-configs/compose-image-without-features-minimal':
    'compose-image-without-features-minimal_devcontainer',
  'devcontainers-cli-configs/compose-image-without-features':
    'compose-image-without-features_devcontainer',
  'devcontainers-cli-configs/compose-with-name-and-custom-yaml': 'custom-project-name-custom-yaml',
  // `name: ${CUSTOM_NAME}` unset: Compose falls back to "devcontainer", and a fragment declares a name.
  'devcontainers-cli-configs/compose-with-name-using-env-var': 'devcontainer',
  'devcontainers-cli-configs/compose-with-name': 'custom-project-name',
  'devcontainers-cli-configs/compose-without-name': 'compose-without-name_devcontainer',
  'devcontainers-cli-configs/image-containerEnv-issue': 'image-containerenv-issue_devcontainer',
  // Its first Compose file is the user's own ../docker-compose.yml (a stand-in is written for it).
  'real-world/devcontainers-templates/docker-existing-docker-compose':
    'docker-existing-docker-compose',
  'real-world/devcontainers-templates/dotnet-mssql': 'dotnet-mssql_devcontainer',
  'real-world/devcontainers-templates/javascript-node-mongo': 'javascript-node-mongo_devcontainer',
};

/** The reference's rules, ported for this test (dockerCompose.ts getProjectName, Compose ≥ 1.21). */
function referenceName(workspace: string, env: Record<string, string>): string {
  const toProjectName = (text: string) => text.toLowerCase().replace(/[^-_a-z0-9]/g, '');
  if (toProjectName(env.COMPOSE_PROJECT_NAME ?? '')) {
    return toProjectName(env.COMPOSE_PROJECT_NAME ?? '');
  }
  const config = parseJsonc(
    readFileSync(path.join(workspace, '.devcontainer/devcontainer.json'), 'utf8'),
  ) as {
    dockerComposeFile: string | string[];
  };
  const files = [config.dockerComposeFile]
    .flat()
    .map((f) => path.resolve(workspace, '.devcontainer', f));
  const fragments = files.map(
    (f) => parseYaml(readFileSync(f, 'utf8'), { logLevel: 'error' }) as { name?: string } | null,
  );
  // What `docker compose config` prints as name: the last `name:`, interpolated, else the folder's name.
  const written = fragments
    .map((f) => f?.name)
    .filter((n) => n !== undefined)
    .at(-1);
  const interpolated = written?.replace(/\$\{(\w+)\}/g, (_, name: string) => env[name] ?? '');
  const composeName =
    interpolated ||
    path
      .basename(path.dirname(files[0]!))
      .toLowerCase()
      .replace(/[^-_a-z0-9]/g, '')
      .replace(/^[-_]+/, '');
  if (composeName !== 'devcontainer' || fragments.some((f) => f?.name)) {
    return toProjectName(composeName);
  }
  if (path.dirname(files[0]!) === path.join(workspace, '.devcontainer')) {
    return toProjectName(`${path.basename(workspace)}_devcontainer`);
  }
  return toProjectName(path.basename(path.dirname(files[0]!)));
}

async function slipwayName(workspace: string, env: Record<string, string>): Promise<string> {
  const plan = await planWorkspace(new NodeFileSystem(), {
    workspaceFolder: workspace,
    env,
    settings: {},
  });
  assert.ok(plan.compose, 'a Compose plan');
  return plan.compose.project;
}

/** A copy under a folder of the same name, with a stand-in for a Compose file the corpus lacks. */
function withStandIn(relative: string): { workspace: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'slipway-names-'));
  const workspace = path.join(root, path.basename(relative));
  cpSync(path.join(CORPUS, relative), workspace, { recursive: true });
  writeFileSync(
    path.join(workspace, 'docker-compose.yml'),
    'services:\n  your-service-name-here:\n    image: debian:bookworm\n',
  );
  return { workspace, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

describe('compose: project names match the reference CLI on the corpus', () => {
  const env = { HOME: '/Users/me' };
  for (const [relative, expected] of Object.entries(EXPECTED)) {
    it(relative, async () => {
      const standIn = relative.endsWith('docker-existing-docker-compose')
        ? withStandIn(relative)
        : undefined;
      const workspace = standIn?.workspace ?? path.join(CORPUS, relative);
      try {
        assert.equal(referenceName(workspace, env), expected, 'the reference rules');
        assert.equal(await slipwayName(workspace, env), expected, 'Slipway');
      } finally {
        standIn?.cleanup();
      }
    });
  }

  it('takes COMPOSE_PROJECT_NAME from the environment first, and name: through interpolation', async () => {
    const workspace = path.join(CORPUS, 'devcontainers-cli-configs/compose-with-name');
    assert.equal(await slipwayName(workspace, { COMPOSE_PROJECT_NAME: 'My.Project' }), 'myproject');
    const named = path.join(CORPUS, 'devcontainers-cli-configs/compose-with-name-using-env-var');
    assert.equal(await slipwayName(named, { CUSTOM_NAME: 'From_Env' }), 'from_env');
    assert.equal(referenceName(named, { CUSTOM_NAME: 'From_Env' }), 'from_env');
  });

  it('reads COMPOSE_PROJECT_NAME from the workspace .env, and from the project folder .env through Compose', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'slipway-names-'));
    try {
      const workspace = path.join(root, 'ws');
      cpSync(path.join(CORPUS, 'devcontainers-cli-configs/compose-without-name'), workspace, {
        recursive: true,
      });
      writeFileSync(
        path.join(workspace, '.devcontainer/.env'),
        'COMPOSE_PROJECT_NAME=from-compose-dir\n',
      );
      assert.equal(await slipwayName(workspace, {}), 'from-compose-dir');
      writeFileSync(path.join(workspace, '.env'), 'OTHER=1\nCOMPOSE_PROJECT_NAME=From Workspace\n');
      assert.equal(await slipwayName(workspace, {}), 'fromworkspace');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
