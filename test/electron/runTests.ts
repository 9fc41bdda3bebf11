/**
 * `npm run test:electron`: the extension in desktop VS Code, through
 * @vscode/test-electron. It downloads VS Code from Microsoft (or uses
 * SLIPWAY_VSCODE_EXECUTABLE), so it runs on any machine that can reach
 * Microsoft's servers; our CI machines cannot, and CI reports this suite as
 * not runnable instead of counting it. `container` is Apple's on a Mac, or
 * SLIPWAY_ELECTRON_CONTAINER (the stand-in on Linux: run `npm run test:setup`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
};

function containerCli(): string {
  if (process.env.SLIPWAY_ELECTRON_CONTAINER) {
    return process.env.SLIPWAY_ELECTRON_CONTAINER;
  }
  if (process.platform === 'darwin') {
    return 'container';
  }
  return path.join(root, 'test', 'standin', 'bin', 'container');
}

async function main(): Promise<void> {
  const cli = containerCli();
  const workspace = mkdtempSync(path.join(tmpdir(), 'slipway-electron-'));
  mkdirSync(path.join(workspace, '.devcontainer'));
  writeFileSync(
    path.join(workspace, '.devcontainer', 'devcontainer.json'),
    JSON.stringify({ name: 'electron', image: 'docker.io/library/busybox:latest' }),
  );
  const container = `slipway-electron-${process.pid}`;
  // A container the tree must show, made the way any user would make one.
  execFileSync(
    cli,
    ['run', '-d', '--name', container, 'docker.io/library/busybox:latest', 'sleep', '600'],
    { stdio: 'inherit' },
  );
  try {
    // The oldest VS Code the manifest accepts is the one we test.
    const version = manifest.engines.vscode.replace(/^[\^~>=]+/, '');
    await runTests({
      ...(process.env.SLIPWAY_VSCODE_EXECUTABLE
        ? { vscodeExecutablePath: process.env.SLIPWAY_VSCODE_EXECUTABLE }
        : { version }),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: {
        SLIPWAY_TEST_CONTAINER_PATH: existsSync(cli) ? cli : '',
        SLIPWAY_TEST_CONTAINER_NAME: container,
      },
    });
  } finally {
    execFileSync(cli, ['delete', '--force', container], { stdio: 'inherit' });
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
