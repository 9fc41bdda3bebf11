import { createHash } from 'node:crypto';

/**
 * `${devcontainerId}`: a stable id for one dev container, computed from its
 * id labels exactly as the reference implementation does, so that a config
 * using it means the same thing under Slipway and under the devcontainer CLI.
 */

export const LOCAL_FOLDER_LABEL = 'devcontainer.local_folder';
export const CONFIG_FILE_LABEL = 'devcontainer.config_file';

/** The labels that identify a workspace's dev container: the opened folder and the config file. */
export function idLabelsFor(workspaceFolder: string, configFile: string): Record<string, string> {
  return { [LOCAL_FOLDER_LABEL]: workspaceFolder, [CONFIG_FILE_LABEL]: configFile };
}

/**
 * SHA-256 of the labels as compact JSON with the keys sorted, read as one
 * unsigned big integer, written in base 32 (0-9a-v) and left-padded to 52
 * characters. Label order does not matter; every label does.
 */
export function computeDevcontainerId(idLabels: Readonly<Record<string, string>>): string {
  // Written out by hand rather than through an object: an object would put
  // integer-like keys first, while the reference serialises in sorted order.
  const keys = Object.keys(idLabels).sort();
  const json = `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(idLabels[key])}`).join(',')}}`;
  const digest = createHash('sha256').update(json, 'utf8').digest('hex');
  return BigInt(`0x${digest}`).toString(32).padStart(52, '0');
}
