import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import {
  ContainerCliError,
  type ContainerCommand,
  type ContainerRunner,
} from '../../../src/core/client/types';
import { MAX_BACKOFF_MS } from '../../../src/core/view/pollDelay';
import { ContainersSource } from '../../../src/vscode/containers/containersSource';
import { FakeClock, settle } from '../../support/fakeClock';
import { useFakeVscode } from '../../support/vscodeModule';
import { LIST_1X_RUNNING } from '../client/fixtures';

/**
 * The containers view's polling contract, on a fake clock and a scripted
 * `container`: polls only while visible, one at a time, right away after
 * Slipway's own actions, and less and less often while `container` is
 * missing or its service is stopped.
 */

const INTERVAL = 5_000;
const STATS = '[{"id":"devc-myproj","cpuUsageUsec":100,"memoryUsageBytes":1024}]';

type Answer = () => Promise<string>;

/** A `container` whose `list` answers what the test says, and counts how often it was asked. */
class ScriptedContainer {
  lists = 0;
  running = 0;
  maxRunning = 0;
  /** What the next `list` calls do; the last one repeats. */
  answers: Answer[] = [async () => '[]'];

  runner(): ContainerRunner {
    return {
      run: async <T>(command: ContainerCommand<T>): Promise<T> => {
        if (command.args[0] === 'stats') {
          return command.parse(STATS, { exitCode: 0, stderr: '' });
        }
        this.lists++;
        this.running++;
        this.maxRunning = Math.max(this.maxRunning, this.running);
        const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0]!;
        try {
          return command.parse(await answer(), { exitCode: 0, stderr: '' });
        } finally {
          this.running--;
        }
      },
      runAttached: async () => 0,
    };
  }
}

const missing: Answer = async () => {
  throw new ContainerCliError('cliMissing', 'container was not found');
};
const stopped: Answer = async () => {
  throw new ContainerCliError('serviceNotRunning', 'the container system service is not running');
};
const empty: Answer = async () => '[]';

function deferred(): { answer: Answer; resolve(stdout: string): void } {
  let resolve: (stdout: string) => void = () => undefined;
  const promise = new Promise<string>((r) => (resolve = r));
  return { answer: () => promise, resolve };
}

describe('the containers view’s polling (ContainersSource)', () => {
  let clock: FakeClock;
  let container: ScriptedContainer;
  let source: ContainersSource;
  let interval: number;

  beforeEach(() => {
    useFakeVscode();
    clock = new FakeClock();
    container = new ScriptedContainer();
    interval = INTERVAL;
    const log = { warn: () => undefined, debug: () => undefined };
    source = new ContainersSource(
      () => container.runner(),
      () => interval,
      log,
      clock,
    );
  });

  afterEachDispose(() => source);

  it('polls nothing while the view is hidden', async () => {
    await clock.advance(10 * INTERVAL);
    assert.equal(container.lists, 0);
    assert.deepEqual(clock.pending(), []);
    assert.equal(source.state.kind, 'loading');
  });

  it('polls at once when shown, then every interval, and stops when hidden', async () => {
    source.setVisible(true);
    await settle();
    assert.equal(container.lists, 1);
    assert.equal(source.state.kind, 'ok');
    await clock.advance(INTERVAL - 1);
    assert.equal(container.lists, 1, 'not before the interval');
    await clock.advance(1);
    assert.equal(container.lists, 2);
    await clock.advance(3 * INTERVAL);
    assert.equal(container.lists, 5);
    source.setVisible(false);
    assert.deepEqual(clock.pending(), [], 'no timer left behind');
    await clock.advance(10 * INTERVAL);
    assert.equal(container.lists, 5);
  });

  it('never runs two polls at once: a refresh during a poll runs once, after it', async () => {
    const slow = deferred();
    container.answers = [slow.answer, empty];
    source.setVisible(true);
    await settle();
    // The timer, the Refresh button and an action all ask while `list` hangs.
    await clock.advance(3 * INTERVAL);
    void source.refresh();
    void source.refresh();
    assert.equal(container.lists, 1);
    assert.deepEqual(clock.pending(), [], 'no timer runs while a poll is out');
    slow.resolve(LIST_1X_RUNNING);
    await settle();
    assert.equal(container.lists, 2, 'one more poll for everything asked meanwhile');
    assert.equal(container.maxRunning, 1);
    assert.deepEqual(clock.pending(), [INTERVAL], 'the next one an interval after the last');
  });

  it('refreshes right away when Slipway acts, and counts the interval from then', async () => {
    source.setVisible(true);
    await settle();
    await clock.advance(INTERVAL - 1_000);
    await source.refresh();
    assert.equal(container.lists, 2, 'the action’s refresh did not wait for the timer');
    assert.deepEqual(clock.pending(), [INTERVAL]);
  });

  it('backs off while container is missing: the wait doubles up to a cap', async () => {
    container.answers = [missing];
    source.setVisible(true);
    await settle();
    assert.equal(source.state.kind, 'missing');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [wait] = clock.pending();
      waits.push(wait!);
      await clock.advance(wait!);
    }
    assert.deepEqual(waits, [
      10_000,
      20_000,
      40_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
    assert.equal(container.lists, 7);
  });

  it('backs off while the service is stopped, and returns to the interval once it answers', async () => {
    container.answers = [stopped, stopped, stopped, empty];
    source.setVisible(true);
    await settle();
    assert.equal(source.state.kind, 'serviceStopped');
    await clock.advance(2 * INTERVAL);
    await clock.advance(4 * INTERVAL);
    assert.equal(container.lists, 3);
    assert.deepEqual(clock.pending(), [8 * INTERVAL]);
    // Start Container System refreshes at once: no waiting out the back-off.
    await source.refresh();
    assert.equal(source.state.kind, 'ok');
    assert.deepEqual(clock.pending(), [INTERVAL], 'back to the interval');
  });

  it('does not back off for other failures, which may pass on their own', async () => {
    container.answers = [
      async () => {
        throw new ContainerCliError('timeout', 'container list did not answer in time');
      },
    ];
    source.setVisible(true);
    await settle();
    assert.equal(source.state.kind, 'error');
    assert.deepEqual(clock.pending(), [INTERVAL]);
  });

  it('takes a changed interval at once', async () => {
    source.setVisible(true);
    await settle();
    interval = 30_000;
    source.reschedule();
    assert.deepEqual(clock.pending(), [30_000]);
  });

  it('reads usage for running containers after the list, on the clock it was given', async () => {
    container.answers = [async () => LIST_1X_RUNNING];
    const states: string[] = [];
    source.onDidChange((state) => states.push(state.kind));
    source.setVisible(true);
    await settle();
    assert.deepEqual(states, ['ok', 'ok'], 'the list first, then the usage');
    const state = source.state;
    assert.equal(state.kind, 'ok');
    assert.equal(state.usage.get('devc-myproj')?.memoryUsedBytes, 1024);
  });
});

/** Disposes what the last test made, so no timer outlives it. */
function afterEachDispose(target: () => { dispose(): void }): void {
  afterEach(() => target().dispose());
}
