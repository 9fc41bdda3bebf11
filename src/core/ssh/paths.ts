import * as path from 'node:path';

/**
 * Slipway's files in its own sub-folder of the user's SSH folder
 * (`~/.ssh/slipway/` by default). Nothing here is one of the user's own files.
 */
export interface SlipwaySshPaths {
  dir: string;
  privateKey: string;
  publicKey: string;
  /** The host entries, included from the config Remote-SSH reads. */
  config: string;
  /** The pinned host keys of the containers, one line per alias. */
  knownHosts: string;
}

export function slipwaySshPaths(dir: string): SlipwaySshPaths {
  return {
    dir,
    privateKey: path.join(dir, 'id_ed25519'),
    publicKey: path.join(dir, 'id_ed25519.pub'),
    config: path.join(dir, 'config'),
    knownHosts: path.join(dir, 'known_hosts'),
  };
}
