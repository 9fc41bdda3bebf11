import * as vscode from 'vscode';
import type { EngineDeps } from '../core/engine/deps';
import {
  createEngineDeps,
  lazyContainerRunner,
  type LazyContainerRunner,
} from '../node/engineDeps';
import { containerPathSetting } from './settings';

/**
 * The `container` runner and the engine, wired to this machine and to the
 * current `slipway.containerPath`. A changed setting (or newly granted
 * trust) gives a fresh runner, so nothing needs a window reload.
 */
export class Services {
  private cached: { path: string | undefined; runner: LazyContainerRunner } | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  runner(): LazyContainerRunner {
    const path = containerPathSetting();
    if (this.cached === undefined || this.cached.path !== path) {
      this.cached = {
        path,
        runner: lazyContainerRunner({
          containerPath: path,
          onCommand: (line) => this.log.debug(line),
        }),
      };
    }
    return this.cached.runner;
  }

  engine(): EngineDeps {
    return createEngineDeps({
      runner: this.runner(),
      env: process.env,
      command: 'a VS Code window (Slipway)',
      log: (text) => {
        for (const line of text.split('\n')) {
          if (line.trim() !== '') {
            this.log.info(line);
          }
        }
      },
    });
  }
}
