import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { listCommand } from '../../../src/core/client/containerCommands';
import { systemStatusCommand } from '../../../src/core/client/systemCommands';
import {
  type ContainerCliError,
  type ContainerCommand,
  type ContainerErrorKind,
  isContainerCliError,
} from '../../../src/core/client/types';
import { ExecaContainerRunner } from '../../../src/node/containerRunner';
import { LIST_1X_RUNNING, STATUS_JSON_UNREGISTERED, STDERR } from '../client/fixtures';
import { makeTempDir, rejectionOf, settlesWithin, writeFakeCli } from './fakeCli';

function rawCommand(
  args: string[],
  extra: Partial<ContainerCommand<string>> = {},
): ContainerCommand<string> {
  return { args, parse: (stdout) => stdout, summary: 'test command', ...extra };
}

function assertKind(error: unknown, kind: ContainerErrorKind): asserts error is ContainerCliError {
  assert.ok(isContainerCliError(error), `expected a ContainerCliError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
}

describe('ExecaContainerRunner (fake CLIs)', function () {
  // Node start-up per fake call is the slow part; the guards below keep hangs from passing.
  this.timeout(30_000);
  let dir: string;
  /** Prints $FAKE_STDOUT and $FAKE_STDERR, then exits with $FAKE_EXIT. */
  let scripted: string;

  before(async () => {
    dir = await makeTempDir();
    scripted = await writeFakeCli(
      dir,
      'scripted',
      [
        "out(2, process.env.FAKE_STDERR || '');",
        "out(1, process.env.FAKE_STDOUT || '');",
        "process.exit(Number(process.env.FAKE_EXIT || '0'));",
      ].join('\n'),
    );
  });

  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const scriptedRunner = (env: Record<string, string>) =>
    new ExecaContainerRunner({ executable: scripted, env });

  describe('run', () => {
    it('parses JSON stdout, passes stderr lines to the log and announces the command line', async () => {
      const fake = await writeFakeCli(
        dir,
        'list-ok',
        [
          "out(2, 'Warning! Running debug build. Performance may be degraded.\\nsecond line\\n');",
          `if (process.argv.slice(2).join(' ') !== 'list --all --format json') { out(2, 'bad args'); process.exit(64); }`,
          `out(1, ${JSON.stringify(LIST_1X_RUNNING)});`,
        ].join('\n'),
      );
      const commandLines: string[] = [];
      const stderrLines: string[] = [];
      const runner = new ExecaContainerRunner({
        executable: fake,
        onCommand: (line) => commandLines.push(line),
      });
      const containers = await settlesWithin(
        runner.run(listCommand(), { onStderr: (line) => stderrLines.push(line) }),
      );
      assert.equal(containers.length, 1);
      assert.equal(containers[0]?.ipAddress, '192.168.64.5');
      assert.deepEqual(stderrLines, [
        'Warning! Running debug build. Performance may be degraded.',
        'second line',
      ]);
      assert.deepEqual(commandLines, [`${fake} list --all --format json`]);
    });

    it('keeps arguments whole: spaces, quotes and $ never meet a shell', async () => {
      const fake = await writeFakeCli(
        dir,
        'echo-args',
        'out(1, JSON.stringify(process.argv.slice(2)));',
      );
      const args = ['run', '-l', 'a=b c', '-e', 'X=$HOME', "it's", '`id`;rm -rf /'];
      const stdout = await settlesWithin(
        new ExecaContainerRunner({ executable: fake }).run(rawCommand(args)),
      );
      assert.deepEqual(JSON.parse(stdout), args);
    });

    const failures: Array<{ stderr: string; exit: number; kind: ContainerErrorKind }> = [
      { stderr: STDERR.xpcRun, exit: 1, kind: 'serviceNotRunning' },
      { stderr: STDERR.unknownOption, exit: 64, kind: 'usage' },
      { stderr: STDERR.nameConflict05, exit: 1, kind: 'nameConflict' },
      { stderr: STDERR.registry404, exit: 1, kind: 'imageNotFound' },
      { stderr: STDERR.inspectMissing, exit: 1, kind: 'containerNotFound' },
      { stderr: STDERR.memory, exit: 1, kind: 'failed' },
    ];
    for (const { stderr, exit, kind } of failures) {
      it(`maps exit ${exit} with "${stderr.split('\n')[0]?.slice(0, 50)}" to ${kind}`, async () => {
        const runner = scriptedRunner({ FAKE_STDERR: stderr, FAKE_EXIT: String(exit) });
        const error = await rejectionOf(runner.run(listCommand()));
        assertKind(error, kind);
        assert.equal(error.details.exitCode, exit);
        assert.equal(error.details.stderr, stderr);
        assert.deepEqual(error.details.args, listCommand().args);
      });
    }

    it('hands an accepted non-zero exit to the parser (system status exit 1 = not running)', async () => {
      const runner = scriptedRunner({ FAKE_STDOUT: STATUS_JSON_UNREGISTERED, FAKE_EXIT: '1' });
      const status = await settlesWithin(runner.run(systemStatusCommand()));
      assert.deepEqual(status, { running: false, status: 'unregistered' });
    });

    it('does not treat non-empty stderr on exit 0 as failure', async () => {
      const runner = scriptedRunner({ FAKE_STDOUT: '[]', FAKE_STDERR: 'Error: looks bad\n' });
      assert.deepEqual(await settlesWithin(runner.run(listCommand())), []);
    });

    it('reports invalid JSON as unexpectedOutput, with the command in the details', async () => {
      const runner = scriptedRunner({ FAKE_STDOUT: '{"half": ' });
      const error = await rejectionOf(runner.run(listCommand()));
      assertKind(error, 'unexpectedOutput');
      assert.match(error.message, /invalid JSON/);
      assert.deepEqual(error.details.args, listCommand().args);
      assert.equal(error.details.exitCode, 0);
    });

    it('reports a parser bug (a plain throw) as unexpectedOutput', async () => {
      const runner = scriptedRunner({ FAKE_STDOUT: 'x' });
      const command = rawCommand(['x'], {
        parse: () => {
          throw new TypeError('boom');
        },
      });
      const error = await rejectionOf(runner.run(command));
      assertKind(error, 'unexpectedOutput');
      assert.match(error.message, /boom/);
    });

    it('maps a missing executable (ENOENT) to cliMissing with the fix', async () => {
      const runner = new ExecaContainerRunner({ executable: path.join(dir, 'does-not-exist') });
      const error = await rejectionOf(runner.run(listCommand()));
      assertKind(error, 'cliMissing');
      assert.match(error.message, /github\.com\/apple\/container\/releases/);
      assert.match(error.message, /SLIPWAY_CONTAINER/);
    });

    it('maps a non-executable file (EACCES) to cliMissing that says so', async () => {
      const file = await writeFakeCli(dir, 'not-executable', "out(1, '[]');", 0o644);
      const error = await rejectionOf(
        new ExecaContainerRunner({ executable: file }).run(listCommand()),
      );
      assertKind(error, 'cliMissing');
      assert.match(error.message, /EACCES/);
      assert.ok(error.message.includes(file));
    });

    it('stops a call that exceeds its time limit, force-killing one that ignores SIGTERM', async () => {
      const fake = await writeFakeCli(
        dir,
        'hang',
        "process.on('SIGTERM', () => {}); out(2, 'ready\\n'); setInterval(() => {}, 1000);",
      );
      const runner = new ExecaContainerRunner({ executable: fake, forceKillAfterMs: 100 });
      // Generous, so the script has long installed its SIGTERM handler when the limit hits.
      const error = await rejectionOf(runner.run({ ...listCommand(), timeoutMs: 2_000 }));
      assertKind(error, 'timeout');
      assert.match(error.message, /container list did not finish within 2 s/);
      assert.match(error.message, /had to be killed/);
    });

    it('does not start anything when cancelled before the call', async () => {
      const marker = path.join(dir, 'started-marker');
      const fake = await writeFakeCli(
        dir,
        'marker',
        `fs.writeFileSync(${JSON.stringify(marker)}, 'ran');`,
      );
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(
        new ExecaContainerRunner({ executable: fake }).run(listCommand(), {
          signal: controller.signal,
        }),
      );
      assertKind(error, 'cancelled');
      assert.equal(error.message, 'Cancelled: list containers.');
      assert.equal(existsSync(marker), false);
    });

    it('cancels a running call', async () => {
      const fake = await writeFakeCli(
        dir,
        'slow',
        "out(2, 'ready\\n'); setInterval(() => {}, 1000);",
      );
      const controller = new AbortController();
      const error = await rejectionOf(
        new ExecaContainerRunner({ executable: fake, forceKillAfterMs: 200 }).run(listCommand(), {
          signal: controller.signal,
          onStderr: (line) => {
            if (line === 'ready') {
              controller.abort();
            }
          },
        }),
      );
      assertKind(error, 'cancelled');
    });

    it('returns 2 MB of stdout whole', async () => {
      const size = 2 * 1024 * 1024;
      const fake = await writeFakeCli(dir, 'big', `out(1, 'x'.repeat(${size}) + 'END');`);
      const stdout = await settlesWithin(
        new ExecaContainerRunner({ executable: fake }).run(rawCommand(['big'])),
      );
      assert.equal(stdout.length, size + 3);
      assert.ok(stdout.endsWith('xEND'));
    });

    it('passes input on stdin, and gives EOF when there is none', async () => {
      const fake = await writeFakeCli(
        dir,
        'upper',
        "out(1, '<' + fs.readFileSync(0, 'utf8').toUpperCase() + '>');",
      );
      const runner = new ExecaContainerRunner({ executable: fake });
      assert.equal(
        await settlesWithin(runner.run(rawCommand(['x'], { input: 'hello\n' }))),
        '<HELLO\n>',
      );
      assert.equal(await settlesWithin(runner.run(rawCommand(['x']))), '<>');
    });

    it('survives a log listener that throws', async () => {
      const runner = scriptedRunner({ FAKE_STDOUT: '[]', FAKE_STDERR: 'a\nb\n' });
      const result = await settlesWithin(
        runner.run(listCommand(), {
          onStderr: () => {
            throw new Error('listener bug');
          },
        }),
      );
      assert.deepEqual(result, []);
    });
  });

  describe('runAttached', () => {
    it('passes the exit code through, streams output and feeds stdin', async () => {
      const fake = await writeFakeCli(
        dir,
        'attached',
        [
          "const input = fs.readFileSync(0, 'utf8');",
          "out(1, 'got:' + input);",
          "out(2, 'to stderr');",
          'process.exit(7);',
        ].join('\n'),
      );
      let stdout = '';
      let stderr = '';
      const code = await settlesWithin(
        new ExecaContainerRunner({ executable: fake }).runAttached(['exec', 'c', 'sh'], {
          stdin: 'echo hi\n',
          onStdout: (chunk) => (stdout += chunk),
          onStderr: (chunk) => (stderr += chunk),
        }),
      );
      assert.equal(code, 7);
      assert.equal(stdout, 'got:echo hi\n');
      assert.equal(stderr, 'to stderr');
    });

    it('resolves 0 on success, with stdin ignored by default', async () => {
      const fake = await writeFakeCli(
        dir,
        'attached-ok',
        'out(1, String(fs.readFileSync(0).length));',
      );
      let stdout = '';
      const code = await settlesWithin(
        new ExecaContainerRunner({ executable: fake }).runAttached(['x'], {
          onStdout: (chunk) => (stdout += chunk),
        }),
      );
      assert.equal(code, 0);
      assert.equal(stdout, '0');
    });

    it('reports death by signal as 128 + the signal number', async () => {
      const fake = await writeFakeCli(
        dir,
        'attached-killed',
        "process.kill(process.pid, 'SIGKILL');",
      );
      const code = await settlesWithin(
        new ExecaContainerRunner({ executable: fake }).runAttached(['x'], { onStdout: () => {} }),
      );
      assert.equal(code, 137);
    });

    it('stops a call that goes silent past its idle limit, with the remedy', async () => {
      // Talks for a while (each line re-arms the watchdog), then hangs with no output.
      const fake = await writeFakeCli(
        dir,
        'attached-goes-quiet',
        [
          'let n = 0;',
          "const talk = setInterval(() => { out(1, 'tick\\n'); if (++n === 4) clearInterval(talk); }, 400);",
          'setInterval(() => {}, 1000);',
        ].join('\n'),
      );
      let heard = '';
      const started = Date.now();
      const error = await rejectionOf(
        new ExecaContainerRunner({ executable: fake, forceKillAfterMs: 200 }).runAttached(
          ['exec', 'c', 'npm', 'ci'],
          {
            onStdout: (chunk) => (heard += chunk),
            onStderr: () => {},
            // Generous beside the 400 ms between ticks: a loaded machine may start
            // the fake late or wake its timer late, and this is not a timing test.
            idleTimeoutMs: 1200,
          },
        ),
      );
      assertKind(error, 'timeout');
      assert.equal(heard, 'tick\n'.repeat(4), 'output kept it alive past 1.2 s');
      assert.ok(Date.now() - started >= 2400, 'not a fixed duration');
      assert.match(error.message, /printed nothing for 1\.2 s/);
      assert.match(error.message, /SLIPWAY_HOOK_IDLE_SECONDS/);
      assert.match(error.message, /container system stop/);
    });

    it('throws cancelled when cancelled before or during the call', async () => {
      const fake = await writeFakeCli(
        dir,
        'attached-slow',
        "out(1, 'ready'); setInterval(() => {}, 1000);",
      );
      const runner = new ExecaContainerRunner({ executable: fake, forceKillAfterMs: 200 });
      const early = new AbortController();
      early.abort();
      assertKind(
        await rejectionOf(runner.runAttached(['x'], { signal: early.signal })),
        'cancelled',
      );
      const controller = new AbortController();
      const error = await rejectionOf(
        runner.runAttached(['x'], {
          signal: controller.signal,
          onStdout: () => controller.abort(),
        }),
      );
      assertKind(error, 'cancelled');
    });

    it('throws cliMissing for a missing or non-executable CLI', async () => {
      const missing = new ExecaContainerRunner({ executable: path.join(dir, 'nope') });
      assertKind(await rejectionOf(missing.runAttached(['x'])), 'cliMissing');
      const file = await writeFakeCli(dir, 'attached-not-executable', '', 0o600);
      const denied = new ExecaContainerRunner({ executable: file });
      assertKind(await rejectionOf(denied.runAttached(['x'])), 'cliMissing');
    });
  });
});
