/**
 * What `npm run demo` starts, factored out so that test/ui/demo.test.ts
 * starts exactly the same thing: code-server with the packaged extension,
 * the stand-in `container` (podman) and a sample workspace with a config.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  STANDIN_CONTAINER,
  standinScratch,
  startCodeServer,
  VSIX,
  type CodeServer,
} from './harness';

/** The container the demo starts so that the view has something in it before the first Reopen. */
export const DEMO_CONTAINER = 'demo-web';
/** The sample workspace's folder name, which also names its dev container. */
export const DEMO_FOLDER = 'hello-slipway';

export interface Demo {
  server: CodeServer;
  /** The sample workspace with its .devcontainer/devcontainer.json. */
  workspace: string;
  /** The address to open in a browser: the workbench with the sample workspace. */
  url: string;
  /** Runs the stand-in `container` with the demo's own state. */
  container(...args: string[]): string;
  /** Stops code-server and removes the demo's containers and files. */
  stop(): Promise<void>;
}

const DEVCONTAINER_JSON = `// A sample dev container: Debian with a vscode user, as the stand-in provides it.
{
  "name": "Hello Slipway",
  "image": "mcr.microsoft.com/devcontainers/base:bookworm",
  "remoteUser": "vscode",
  "hostRequirements": { "cpus": 2, "memory": "2gb" },
  "containerEnv": { "GREETING": "hello from an Apple container" },
  "postCreateCommand": "echo \\"$GREETING\\" > /tmp/greeting",
  "postStartCommand": "uname -a"
}
`;

const README = `# Hello Slipway

Open the Slipway view in the activity bar, or run **Slipway: Reopen in Apple Container** from the Command Palette.
`;

export async function startDemo(options: { vsix?: string } = {}): Promise<Demo> {
  const { scratch, env, container, removeContainers } = standinScratch('slipway-demo');
  const workspace = path.join(scratch, DEMO_FOLDER);
  mkdirSync(path.join(workspace, '.devcontainer'), { recursive: true });
  writeFileSync(path.join(workspace, '.devcontainer', 'devcontainer.json'), DEVCONTAINER_JSON);
  writeFileSync(path.join(workspace, 'README.md'), README);
  let server: CodeServer;
  try {
    container('system', 'start');
    container(
      'run',
      '-d',
      '--name',
      DEMO_CONTAINER,
      '--cpus',
      '2',
      '--memory',
      '1G',
      'docker.io/library/busybox:latest',
      'sleep',
      'infinity',
    );
    server = await startCodeServer({
      vsix: options.vsix ?? VSIX,
      folder: workspace,
      env,
      // The extension host takes PATH from a login shell, not from code-server's
      // environment, so the stand-in on PATH above is not enough: name it with the
      // setting users have for a `container` that is not on PATH.
      userSettings: { 'slipway.containerPath': STANDIN_CONTAINER },
    });
  } catch (error) {
    removeContainers(() => true);
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    workspace,
    url: `${server.url}/?${new URLSearchParams({ folder: workspace })}`,
    container,
    async stop() {
      await server.stop();
      removeContainers(() => true);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** What the demo prints: where to go and what to click. */
export function demoInstructions(demo: Pick<Demo, 'url'>): string {
  return `
Slipway demo is running. Open this in a browser on this machine:

  ${demo.url}

Then:
  1. Click the Slipway icon in the activity bar (left). The Containers view
     lists ${DEMO_CONTAINER}, a running container: hover it for its VM, right-click it
     for Stop, Open Terminal, Inspect and more.
  2. Click Reopen in Apple Container (the view's title bar, or the Command
     Palette, F1). The status bar names each phase until the dev container
     ${DEMO_FOLDER} is ready; hover it for the time of each phase.
  3. Run Slipway: Show Startup Timeline, and Slipway: Check Setup.
  (code-server has no Remote - SSH, so the window itself stays here; Slipway
  offers to install it. Open Terminal on the dev container gets you inside.)

Press Ctrl-C to stop it and remove the demo's containers.
`;
}
