import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import {
  buildCli,
  down,
  removeBuiltImages,
  slipway,
  workspace,
  type SlipwayRun,
} from '../slipway/harness';
import {
  ensureRegistryInstalled,
  publishFeature,
  startRegistry,
  writeFeatureFolder,
  type TestRegistry,
} from './registry';

/**
 * Features end to end: `slipway up` with the stand-in `container`, local
 * Features from the workspace and OCI Features the test publishes to a real
 * registry on loopback. Nothing comes from the internet.
 */

const BUSYBOX = 'docker.io/library/busybox:latest';
const made: string[] = [];

function ws(name: string, files: Record<string, string>): string {
  const folder = workspace(`features-${name}`, files);
  made.push(folder);
  return folder;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** A local Feature's two files under .devcontainer/<name>. */
function localFeature(
  name: string,
  metadata: Record<string, unknown>,
  install: string,
): Record<string, string> {
  return {
    [`.devcontainer/${name}/devcontainer-feature.json`]: json({
      id: name,
      version: '1.0.0',
      ...metadata,
    }),
    [`.devcontainer/${name}/install.sh`]: `#!/bin/sh\nset -e\n${install}\n`,
  };
}

/** Each Feature's install.sh appends its id to one file: the order it ran in. */
function appendsItsId(folder: string, id: string): void {
  writeFileSync(
    path.join(folder, 'install.sh'),
    `#!/bin/sh\nset -e\necho ${id} >> /feature-order\n`,
    {
      mode: 0o755,
    },
  );
}

function errorOf(run: SlipwayRun): string {
  assert.equal(run.status, 1, `expected a failure: ${run.stdout}\n${run.stderr}`);
  assert.equal(run.json.outcome, 'error', run.stdout);
  return String(run.json.message);
}

describe('slipway up with Features (integration)', function () {
  this.timeout(300_000);
  let registry: TestRegistry | undefined;
  const folders: string[] = [];
  let reg = '';

  before(async function () {
    if (!ensureRegistryInstalled()) {
      this.skip();
    }
    buildCli();
    registry = await startRegistry();
    reg = registry.host;
    const parent = mkdtempSync(path.join(tmpdir(), 'slipway-features-'));
    folders.push(parent);
    // base: appends its id and sets an environment variable for the container.
    const base = writeFeatureFolder(parent, {
      id: 'base',
      version: '1.2.0',
      containerEnv: { BASE_ENV: 'from-base' },
    });
    appendsItsId(base, 'base');
    await publishFeature(registry, 'slipway-test/base', ['1', '1.2', '1.2.0'], base);
    // late: must come after ./first, whatever order the config lists them in.
    const late = writeFeatureFolder(parent, {
      id: 'late',
      version: '2.0.0',
      installsAfter: ['./first'],
    });
    appendsItsId(late, 'late');
    await publishFeature(registry, 'slipway-test/late', ['2', 'latest'], late);
    const failing = writeFeatureFolder(parent, { id: 'failing', version: '1.0.0' });
    rmSync(path.join(failing, 'install.sh'));
    await publishFeature(registry, 'slipway-test/failing', '1', failing);
  });

  after(async () => {
    made.forEach(down);
    removeBuiltImages();
    await registry?.stop();
    folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  });

  /** base (OCI, by dependsOn) → ./first (local) → late (OCI, installsAfter ./first). */
  function orderedWorkspace(): string {
    const install = (id: string) => `echo ${id} >> /feature-order`;
    return ws('order', {
      '.devcontainer/devcontainer.json': json({
        image: BUSYBOX,
        // late is listed first: only installsAfter puts it last.
        features: { [`${reg}/slipway-test/late:2`]: {}, './first': { flavour: 'mint' } },
        onCreateCommand: 'echo config >> /tmp/hooks',
      }),
      ...localFeature(
        'first',
        {
          options: { flavour: { type: 'string', enum: ['mint', 'lime'], default: 'lime' } },
          containerEnv: { FIRST_ENV: 'from-first' },
          dependsOn: { [`${reg}/slipway-test/base:1`]: {} },
          onCreateCommand: 'echo first >> /tmp/hooks',
        },
        `${install('first')}\necho "flavour=$FLAVOUR" > /first-options`,
      ),
    });
  }

  it('installs local and OCI Features in dependency order, with their environment and hooks', () => {
    const folder = orderedWorkspace();
    const run = slipway(['up', '--workspace-folder', folder, '--experimental-lockfile']);
    assert.equal(run.status, 0, run.stderr);
    const timings = run.json.timings as Record<string, number>;
    for (const phase of [
      `feature:${reg}/slipway-test/base:1`,
      'feature:./first',
      `feature:${reg}/slipway-test/late:2`,
    ]) {
      assert.equal(typeof timings[phase], 'number', `phase ${phase} in ${JSON.stringify(timings)}`);
    }
    const exec = slipway([
      'exec',
      '--workspace-folder',
      folder,
      'sh',
      '-c',
      'cat /feature-order; cat /first-options; echo "$BASE_ENV $FIRST_ENV"; cat /tmp/hooks',
    ]);
    assert.equal(exec.status, 0, exec.stderr);
    assert.equal(
      exec.stdout,
      'base\nfirst\nlate\nflavour=mint\nfrom-base from-first\nfirst\nconfig\n',
    );
    // The build's own account of the order matches.
    const begins = [...run.stderr.matchAll(/^Id +: (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(begins, [
      `${reg}/slipway-test/base:1`,
      './first',
      `${reg}/slipway-test/late:2`,
    ]);
    // --experimental-lockfile wrote the lockfile: both OCI Features, pinned by digest.
    const lock = JSON.parse(
      readFileSync(path.join(folder, '.devcontainer', 'devcontainer-lock.json'), 'utf8'),
    ) as { features: Record<string, { resolved: string; version: string }> };
    assert.deepEqual(Object.keys(lock.features).sort(), [
      `${reg}/slipway-test/base:1`,
      `${reg}/slipway-test/late:2`,
    ]);
    assert.equal(lock.features[`${reg}/slipway-test/base:1`]?.version, '1.2.0');
  });

  it('reuses the built Features image on the next up (no build), and honours a frozen lockfile', () => {
    const folder = orderedWorkspace();
    const first = slipway(['up', '--workspace-folder', folder, '--experimental-lockfile']);
    assert.equal(first.status, 0, first.stderr);
    const again = slipway([
      'up',
      '--workspace-folder',
      folder,
      '--remove-existing-container',
      '--experimental-frozen-lockfile',
    ]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.json.action, 'created');
    assert.match(again.stderr, /Reusing localhost\/slipway\/.*-features:/);
    assert.doesNotMatch(again.stderr, /Installing \d+ Features?/);
    const phases = Object.keys(again.json.timings as Record<string, number>);
    assert.ok(!phases.some((phase) => phase.startsWith('feature:')), phases.join(', '));
    const plan = slipway(['plan', '--workspace-folder', folder, '--json']);
    assert.equal(plan.status, 0, plan.stderr);
    const features = plan.json.features as { installOrder: Array<{ id: string }> };
    assert.deepEqual(
      features.installOrder.map((item) => item.id),
      [`${reg}/slipway-test/base:1`, './first', `${reg}/slipway-test/late:2`],
    );
  });

  it('installs Features on the image a Dockerfile config builds', () => {
    const folder = ws('dockerfile', {
      '.devcontainer/devcontainer.json': json({
        build: { dockerfile: 'Dockerfile' },
        features: { './mark': {} },
      }),
      '.devcontainer/Dockerfile': `FROM ${BUSYBOX}\nRUN echo from-dockerfile > /built\nUSER vscode\n`,
      ...localFeature('mark', {}, 'echo "$(cat /built) $(id -un) $_REMOTE_USER" > /mark'),
    });
    const run = slipway(['up', '--workspace-folder', folder]);
    assert.equal(run.status, 0, run.stderr);
    const exec = slipway(['exec', '--workspace-folder', folder, 'sh', '-c', 'cat /mark; id -un']);
    // Installed as root on the built image, for its user; that user is restored afterwards.
    assert.equal(exec.stdout, 'from-dockerfile root vscode\nvscode\n');
  });

  it('shows a failing install script with its output, naming the Feature', () => {
    const folder = ws('failing', {
      '.devcontainer/devcontainer.json': json({ image: BUSYBOX, features: { './broken': {} } }),
      ...localFeature('broken', {}, 'echo "about to break: no-such-tool"\nno-such-tool --now'),
    });
    const message = errorOf(slipway(['up', '--workspace-folder', folder]));
    assert.match(message, /The Feature "\.\/broken" failed to install \(exit status 127\)/);
    assert.match(message, /about to break: no-such-tool/);
    assert.match(message, /no-such-tool.*not found/);
  });

  it('names an OCI Feature without an install.sh', () => {
    const folder = ws('no-install', {
      '.devcontainer/devcontainer.json': json({
        image: BUSYBOX,
        features: { [`${reg}/slipway-test/failing:1`]: {} },
      }),
    });
    const message = errorOf(slipway(['up', '--workspace-folder', folder]));
    assert.match(message, new RegExp(`The Feature "${reg}/slipway-test/failing:1" failed`));
    assert.match(message, /The Feature has no install\.sh/);
  });

  it('says when the registry cannot be reached', () => {
    const folder = ws('unreachable', {
      // Port 9 (discard) on loopback: nothing listens there.
      '.devcontainer/devcontainer.json': json({
        image: BUSYBOX,
        features: { '127.0.0.1:9/slipway-test/base:1': {} },
      }),
    });
    const message = errorOf(slipway(['up', '--workspace-folder', folder]));
    assert.match(message, /127\.0\.0\.1:9/);
    assert.match(message, /cannot be reached|could not be reached|not reach/i);
  });

  it('says when a tag is unknown, with the versions there are', () => {
    const folder = ws('unknown-tag', {
      '.devcontainer/devcontainer.json': json({
        image: BUSYBOX,
        features: { [`${reg}/slipway-test/base:7`]: {} },
      }),
    });
    const message = errorOf(slipway(['up', '--workspace-folder', folder]));
    assert.match(message, /slipway-test\/base/);
    assert.match(message, /\b7\b/);
    assert.match(message, /1\.2\.0/);
  });

  it('refuses an option value outside its enum, at its place in devcontainer.json', () => {
    const folder = ws('bad-option', {
      '.devcontainer/devcontainer.json': json({
        image: BUSYBOX,
        features: { './picky': { colour: 'purple' } },
      }),
      ...localFeature(
        'picky',
        { options: { colour: { type: 'string', enum: ['red', 'green'], default: 'red' } } },
        'true',
      ),
    });
    const run = slipway(['up', '--workspace-folder', folder]);
    const message = errorOf(run);
    assert.match(message, /option "colour" must be one of "red", "green", not "purple"/);
    assert.equal(typeof run.json.line, 'number');
  });

  it('refuses a dependency cycle, naming it', () => {
    const folder = ws('cycle', {
      '.devcontainer/devcontainer.json': json({ image: BUSYBOX, features: { './a': {} } }),
      ...localFeature('a', { dependsOn: { './b': {} } }, 'true'),
      ...localFeature('b', { dependsOn: { './a': {} } }, 'true'),
    });
    const message = errorOf(slipway(['up', '--workspace-folder', folder]));
    assert.match(message, /cycle/);
    assert.match(message, /\.\/a → \.\/b → \.\/a|\.\/b → \.\/a → \.\/b/);
    assert.ok(!existsSync(path.join(folder, '.devcontainer', 'devcontainer-lock.json')));
  });
});
