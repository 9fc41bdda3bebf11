import * as vscode from 'vscode';
import type { EngineDeps } from '../core/engine/deps';
import { macRouteTarget, macRouteUrl, type MacRoute } from '../core/remote/macRoute';
import {
  createEngineDeps,
  lazyContainerRunner,
  type LazyContainerRunner,
} from '../node/engineDeps';
import { remoteLazyContainerRunner } from '../node/remote/remoteRunner';
import { SshSession } from '../node/remote/sshSession';
import { slipwayStateDir } from '../node/stateDir';
import { containerPathSetting } from './settings';

/**
 * The `container` runner and the engine, wired to this machine and to the
 * current `slipway.containerPath`. A changed setting (or newly granted
 * trust) gives a fresh runner, so nothing needs a window reload.
 *
 * `onMac(route)` gives the same for another Mac's `container`, over one
 * shared OpenSSH connection: the one place that picks the engine for a host.
 */
export class Services {
  private cached: { path: string | undefined; runner: LazyContainerRunner } | undefined;
  private readonly macs = new Map<string, Services>();
  /** The other Mac's connection; none: this machine. */
  readonly session: SshSession | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    route?: MacRoute,
  ) {
    this.session =
      route === undefined
        ? undefined
        : new SshSession({
            target: macRouteTarget(route),
            stateDir: slipwayStateDir(process.env),
            ...(route.configFile !== undefined ? { configFile: route.configFile } : {}),
          });
  }

  /** The services of the Mac `route` reaches (this machine's when undefined); one per route. */
  onMac(route: MacRoute | undefined): Services {
    if (route === undefined) {
      return this;
    }
    const key = `${macRouteUrl(route)} ${route.configFile ?? ''}`;
    let services = this.macs.get(key);
    if (services === undefined) {
      services = new Services(this.log, route);
      this.macs.set(key, services);
    }
    return services;
  }

  runner(): LazyContainerRunner {
    if (this.session !== undefined) {
      // `slipway.containerPath` names this machine's `container`: the Mac's is found there.
      this.cached ??= {
        path: undefined,
        runner: remoteLazyContainerRunner(this.session, {
          onCommand: (line) => this.log.debug(line),
        }),
      };
      return this.cached.runner;
    }
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
      ...(this.session !== undefined ? { remote: this.session } : {}),
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
