import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseContainers } from '../../../src/core/client/parseContainers';
import type { ContainerCommand, ContainerInfo } from '../../../src/core/client/types';
import { computeDevcontainerId, idLabelsFor } from '../../../src/core/config/devcontainerId';
import { containerItem } from '../../../src/core/view/containerItems';
import type { ContainerNode } from '../../../src/vscode/containers/containersTree';
import type { Services } from '../../../src/vscode/services';
import { fakeContainerActions } from '../../support/containerActionsFixture';
import { newEditorState } from '../../support/fakeVscode';
import { useFakeVscode } from '../../support/vscodeModule';
import { LIST_1X_RUNNING } from '../client/fixtures';

/** Remove Container offers the dev container's volume folders too, and keeps them unless asked. */

const FOLDER = '/Users/me/proj';
const CONFIG = `${FOLDER}/.devcontainer/devcontainer.json`;
const ID = computeDevcontainerId(idLabelsFor(FOLDER, CONFIG));
const base = parseContainers(LIST_1X_RUNNING)[0]!;
const DEV: ContainerInfo = {
  ...base,
  labels: {
    ...base.labels,
    'devcontainer.local_folder': FOLDER,
    'devcontainer.config_file': CONFIG,
  },
};
const node = (container: ContainerInfo): ContainerNode => ({
  kind: 'container',
  item: containerItem(container),
  container,
});

const VOLUMES = JSON.stringify([
  {
    configuration: {
      name: 'slipway-x-node_modules',
      labels: { 'slipway.volumeFolder': 'node_modules', 'slipway.workspaceId': ID },
    },
  },
  {
    configuration: {
      name: 'someone-elses',
      labels: { 'slipway.volumeFolder': 'node_modules', 'slipway.workspaceId': 'other' },
    },
  },
]);

function setUp(answer: string | undefined) {
  const state = newEditorState({ answers: [answer] });
  const fake = useFakeVscode(state);
  const ran: string[] = [];
  const runner = {
    run: async <T>(command: ContainerCommand<T>): Promise<T> => {
      ran.push(command.args.join(' '));
      return '' as T;
    },
  };
  const engine = {
    memos: { forget: async () => undefined },
    log: () => undefined,
    client: {
      runPlanned: async (args: string[]) => {
        ran.push(args.join(' '));
        return args[1] === 'list' ? VOLUMES : '';
      },
    },
  };
  const services = { runner: () => runner, engine: () => engine } as unknown as Services;
  const actions = fakeContainerActions(fake, services);
  return { state, actions, ran };
}

describe('Remove Container and volume folders', () => {
  it('names the volume folders in the confirmation and keeps them on a plain Remove', async () => {
    const { state, actions, ran } = setUp('Remove');
    await actions.remove(node(DEV));
    assert.match(state.messages[0]!.text, /^Remove the container/);
    assert.deepEqual(ran, ['volume list --format json', `delete -f ${DEV.id}`]);
  });

  it('removes only this workspace volume folders when the user picks that', async () => {
    const { actions, ran } = setUp('Remove with Volume Folders');
    await actions.remove(node(DEV));
    assert.deepEqual(ran.slice(1), [
      `delete -f ${DEV.id}`,
      'volume list --format json',
      'volume delete slipway-x-node_modules',
    ]);
  });
});
