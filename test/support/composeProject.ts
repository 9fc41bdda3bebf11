import type { ContainerInfo } from '../../src/core/client/types';
import { containerInfo } from './containerInfo';
import { planFiles, WORKSPACE } from './planFixture';

/**
 * A Compose dev container (app, which depends on db) as the project node's
 * actions and Start and Reconnect both meet it.
 */
const DC = `${WORKSPACE}/.devcontainer`;
export const APP_DB_CONFIG = `${DC}/devcontainer.json`;
export const APP_DB_FILES: Record<string, string> = {
  [`${WORKSPACE}/.git/HEAD`]: 'ref: refs/heads/main\n',
  [APP_DB_CONFIG]: JSON.stringify({
    dockerComposeFile: 'compose.yml',
    service: 'app',
    workspaceFolder: '/workspace',
  }),
  // Written app first: only depends_on puts db before it.
  [`${DC}/compose.yml`]: `services:
  app:
    image: busybox
    command: sleep 3600
    depends_on: [db]
  db:
    image: busybox
    command: sleep 3600
`,
};

/** The project's containers as `slipway up` labelled them, all stopped, created newest-first on purpose. */
export async function stoppedProject(): Promise<{ project: string; containers: ContainerInfo[] }> {
  const plan = await planFiles(APP_DB_FILES);
  const compose = plan.compose!;
  const containers = compose.services.map((service, index) => {
    const argv = plan.commands.find(
      (c) => c.step === 'run' && c.argv.includes(service.containerName),
    )!.argv;
    const labels: Record<string, string> = {};
    argv.forEach((arg, i) => {
      if (arg === '-l' || arg === '--label') {
        const value = argv[i + 1] ?? '';
        labels[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
      }
    });
    return containerInfo(service.containerName, 'stopped', {
      image: 'busybox',
      labels,
      // The later in start order, the older: creation order and dependency order disagree.
      creationDate: `2026-08-07T10:00:0${9 - index}Z`,
    });
  });
  return { project: compose.project, containers };
}
