/**
 * The pretend Mac the stand-in plays, beyond the Apple release:
 * - CONTAINER_STANDIN_MACOS: the macOS major version (default 26). Before 26,
 *   Apple hides the `network` group and refuses non-default networks.
 * - CONTAINER_STANDIN_NETNS: a network namespace (`ip netns add`) the caller
 *   owns. When set, containers get real, internal-only networking inside it
 *   (README "Networks"); when unset, no container has a network at all.
 */
import { existsSync } from 'node:fs';
import { AppleError } from './errors';

export interface Host {
  readonly macosMajor: number;
  /** The netns every podman call runs in, or undefined for `--network none` containers. */
  readonly netns?: string;
}

export function hostFromEnv(env: NodeJS.ProcessEnv): Host {
  const macos = env.CONTAINER_STANDIN_MACOS;
  const macosMajor = macos === undefined || macos === '' ? 26 : Number.parseInt(macos, 10);
  if (!Number.isInteger(macosMajor) || macosMajor < 15) {
    throw new Error(
      `CONTAINER_STANDIN_MACOS '${macos ?? ''}' is not a macOS major version such as 15 or 26`,
    );
  }
  const netns = env.CONTAINER_STANDIN_NETNS;
  if (netns === undefined || netns === '') {
    return { macosMajor };
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(netns) || !existsSync(netnsPath(netns))) {
    throw new AppleError(
      'invalidArgument',
      `stand-in: CONTAINER_STANDIN_NETNS '${netns}' names no network namespace (${netnsPath(netns)}); create it with \`ip netns add\``,
    );
  }
  return { macosMajor, netns };
}

export function netnsPath(name: string): string {
  return `/run/netns/${name}`;
}

/** Utility.getAttachmentConfigurations' guard: `#available(macOS 26, *)`. */
export function supportsUserNetworks(host: Host): boolean {
  return host.macosMajor >= 26;
}
