import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ContainerInfo } from '../../../src/core/client/types';
import { newlyStopped, runKey } from '../../../src/core/view/stoppedOnTheirOwn';
import { containerInfo } from '../../support/containerInfo';

function info(id: string, state: ContainerInfo['state'], startedDate?: string) {
  return containerInfo(id, state, startedDate !== undefined ? { startedDate } : {});
}

describe('containers that stopped since the last look', () => {
  it('are the ones running before and stopped now', () => {
    const before = [info('a', 'running'), info('b', 'running'), info('c', 'stopped')];
    const now = [info('a', 'stopped'), info('b', 'running'), info('c', 'stopped')];
    assert.deepEqual(
      newlyStopped(before, now).map((c) => c.id),
      ['a'],
    );
  });

  it('are none at the first look, or for a container removed or new', () => {
    assert.deepEqual(newlyStopped(undefined, [info('a', 'stopped')]), []);
    assert.deepEqual(newlyStopped([info('a', 'running')], [info('b', 'stopped')]), []);
  });

  it('are told apart per run by when the run started', () => {
    assert.equal(runKey(info('a', 'stopped', '2026-12-04T10:00:00Z')), 'a@2026-12-04T10:00:00Z');
    assert.notEqual(
      runKey(info('a', 'stopped', '2026-12-04T10:00:00Z')),
      runKey(info('a', 'stopped', '2026-12-04T11:00:00Z')),
    );
  });
});
