import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { BenchCancelledError, runBench } from '../core/bench/runner';
import { BENCH_PREFIX } from '../core/bench/runtimes';
import { benchHtml } from '../core/view/benchHtml';
import { benchProcess, findOnPath, readBenchHistory, saveBenchRecord } from '../node/benchProcess';
import { slipwayStateDir } from '../node/stateDir';
import type { Services } from './services';

/**
 * Slipway: Benchmark This Mac. Runs the suite (`slipway bench`'s) with a
 * cancellable notification, keeps the run in the state folder's history and
 * shows the chart in a scriptless webview tab.
 */

const DEFAULT_IMAGE = 'docker.io/library/busybox:latest';
const DEFAULT_RUNS = 5;

/** The suite's settings: how many runs of each step, and docker beside Apple's `container`. */
async function benchChoices(log: vscode.LogOutputChannel) {
  const config = vscode.workspace.getConfiguration('slipway.benchmark');
  const runs = Math.max(1, Math.min(50, Math.round(config.get<number>('runs') ?? DEFAULT_RUNS)));
  if (config.get<boolean>('withDocker') !== true) {
    return { runs, docker: undefined };
  }
  const docker = await findOnPath('docker', process.env.PATH ?? '');
  if (docker === undefined) {
    // Said once in the log rather than failing: the user asked for a comparison
    // this Mac cannot make, and Apple's half is still worth having.
    log.warn(
      'slipway.benchmark.withDocker is on, but there is no docker on PATH: benchmarking container alone.',
    );
  }
  return { runs, docker };
}

function showChart(stateDir: string): Promise<void> {
  return readBenchHistory(stateDir).then((history) => {
    const panel = vscode.window.createWebviewPanel(
      'slipway.benchPanel',
      'Benchmark This Mac',
      vscode.ViewColumn.Active,
      { enableScripts: false, localResourceRoots: [] },
    );
    panel.webview.html = benchHtml({
      history,
      nonce: randomBytes(16).toString('base64'),
      cspSource: panel.webview.cspSource,
    });
  });
}

export function benchCommand(services: Services, log: vscode.LogOutputChannel) {
  return async (): Promise<void> => {
    const stateDir = slipwayStateDir();
    const executable = await services.runner().executable();
    const { runs, docker } = await benchChoices(log);
    const bindDir = await mkdtemp(path.join(tmpdir(), `${BENCH_PREFIX}-`));
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Benchmark This Mac',
          cancellable: true,
        },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return runBench({
            process: benchProcess,
            executables: { container: executable, ...(docker !== undefined ? { docker } : {}) },
            image: DEFAULT_IMAGE,
            runs,
            bindDir,
            signal: controller.signal,
            onProgress: (p) =>
              progress.report({
                message: `${p.step} (run ${p.run} of ${p.runs})`,
                increment: p.run === 1 ? 100 / p.total : 0,
              }),
          });
        },
      );
      await saveBenchRecord(stateDir, { at: new Date().toISOString(), result });
      await showChart(stateDir);
    } catch (error) {
      if (error instanceof BenchCancelledError) {
        log.info(error.message);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      log.error(`Benchmark failed: ${message}`);
      void vscode.window
        .showErrorMessage(`Benchmark This Mac failed: ${message}`, 'Show Log')
        .then((choice) => (choice === 'Show Log' ? log.show() : undefined));
    } finally {
      await rm(bindDir, { recursive: true, force: true });
    }
  };
}
