import { parseSshHostUrl, type SshTarget } from './hostUrl';

/**
 * The route to the other Mac a container window's container runs on, as
 * Reopen found it there: the Mac's alias in the user's SSH config (with the
 * user and port Remote-SSH's authority named, if any) and the ssh_config
 * file the window's ssh read. Slipway on the user's machine drives that
 * Mac's `container` over this route, the same one the host entry's jump uses.
 */
export interface MacRoute {
  host: string;
  user?: string;
  port?: number;
  /** `remote.SSH.configFile`, when the user set one. */
  configFile?: string;
}

/** `ssh://[user@]host[:port]`: what `--host` and `SLIPWAY_HOST` take. */
export function macRouteUrl(route: MacRoute): string {
  const host = route.host.includes(':') ? `[${route.host}]` : route.host;
  return `ssh://${route.user !== undefined ? `${route.user}@` : ''}${host}${route.port !== undefined ? `:${route.port}` : ''}`;
}

/**
 * The ssh target of a route, checked as `--host` checks its URL (no option
 * for a host, no odd user name), or an error saying which record is wrong.
 */
export function macRouteTarget(route: MacRoute): SshTarget {
  const target = parseSshHostUrl(macRouteUrl(route));
  if ('error' in target) {
    throw new Error(
      `The container window's host "${route.host}" is not an SSH destination Slipway can use: it ${target.error}. Reopen the folder from a window on that Mac to record it again.`,
    );
  }
  return target;
}
