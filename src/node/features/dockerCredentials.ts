import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { dockerCredentialFor, type DockerCredentialLookup } from '../../core/features/oci';

/**
 * Registry credentials from the user's Docker configuration, as the
 * reference CLI finds them: `$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`. Only the file's own `auths` entries are used;
 * credential helpers (`credHelpers`, `credsStore`) would mean running
 * programs from the user's PATH, so they are noted in the log and the
 * registry is asked anonymously (enough for public Features).
 */

export function dockerConfigFile(env: Record<string, string | undefined>): string {
  const folder = env.DOCKER_CONFIG || path.join(env.HOME || homedir(), '.docker');
  return path.join(folder, 'config.json');
}

export async function readDockerCredential(
  registry: string,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<DockerCredentialLookup> {
  const file = dockerConfigFile(env);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return { kind: 'none' };
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    log(`features: ${file} is not valid JSON; asking ${registry} without credentials`);
    return { kind: 'none' };
  }
  const found = dockerCredentialFor(config, registry);
  if (found.kind === 'helper') {
    log(
      `features: ${file} keeps the credentials for ${registry} in the credential helper "${found.helper}", which Slipway does not run; asking ${registry} without credentials`,
    );
  } else if (found.kind === 'basic') {
    log(`features: using the credentials for ${registry} from ${file} (auths "${found.key}")`);
  }
  return found;
}
