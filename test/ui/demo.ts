/**
 * `npm run demo`: Slipway without a Mac. Starts code-server with the packaged
 * extension, the stand-in `container` (podman) on PATH and a sample
 * workspace, then prints the URL to open. Ctrl-C stops it and removes what
 * the demo created.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT, startCodeServer } from './harness';

const STANDIN_BIN = path.join(ROOT, 'test', 'standin', 'bin');

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-demo-'));
  const workspace = path.join(scratch, 'hello-slipway');
  mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
  writeFileSync(
    path.join(workspace, '.devcontainer', 'devcontainer.json'),
    `// A sample dev container: Debian with a vscode user, as the stand-in provides it.
{
  "name": "Hello Slipway",
  "image": "mcr.microsoft.com/devcontainers/base:bookworm",
  "remoteUser": "vscode",
  "hostRequirements": { "cpus": 2, "memory": "2gb" },
  "containerEnv": { "GREETING": "hello from an Apple container" },
  "postCreateCommand": "echo \\"$GREETING\\" > /tmp/greeting",
  "postStartCommand": "uname -a"
}
`,
  );
  writeFileSync(
    path.join(workspace, 'README.md'),
    '# Hello Slipway\n\nOpen the Slipway view in the activity bar, or run **Slipway: Reopen in Apple Container** from the Command Palette.\n',
  );
  const env = {
    PATH: `${STANDIN_BIN}:${process.env.PATH ?? ''}`,
    CONTAINER_STANDIN_STATE: path.join(scratch, 'standin-state'),
    SLIPWAY_STATE_DIR: path.join(scratch, 'slipway-state'),
  };
  const container = (...args: string[]) =>
    execFileSync(path.join(STANDIN_BIN, 'container'), args, {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
  container('system', 'start');
  // Something to look at in the view before the first Reopen.
  container(
    'run',
    '-d',
    '--name',
    'demo-web',
    '--cpus',
    '2',
    '--memory',
    '1G',
    'docker.io/library/busybox:latest',
    'sleep',
    'infinity',
  );
  const server = await startCodeServer({
    vsix: path.join(ROOT, 'slipway.vsix'),
    folder: workspace,
    env,
  });
  const cleanUp = async () => {
    await server.stop();
    try {
      const list = JSON.parse(container('list', '--all', '--format', 'json')) as Array<{
        configuration?: { id?: string };
      }>;
      for (const entry of list) {
        if (entry.configuration?.id !== undefined) {
          container('delete', '--force', entry.configuration.id);
        }
      }
    } catch {
      // The stand-in's state folder goes with the scratch folder.
    }
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void cleanUp());
  process.on('SIGTERM', () => void cleanUp());
  console.log(
    `\nSlipway demo is running. Open this in a browser on this machine:\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}\n\nPress Ctrl-C to stop it and remove the demo's containers.\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
