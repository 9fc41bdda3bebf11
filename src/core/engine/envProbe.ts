import type { DevContainerConfig } from '../config/types';
import { envRecord } from './environment';

/**
 * The user environment probe (`userEnvProbe`): start the remote user's shell
 * the way a terminal would (login and/or interactive) once, and read its
 * environment, so lifecycle commands see what the user's profile sets up
 * (nvm, pyenv, ...). As in the reference implementation, the environment is
 * read from /proc/self/environ between two markers, with printenv as a
 * fallback, and PWD is dropped.
 */

export type ProbeKind = NonNullable<DevContainerConfig['userEnvProbe']>;

const FLAGS: Record<Exclude<ProbeKind, 'none'>, string> = {
  loginInteractiveShell: '-lic',
  loginShell: '-lc',
  interactiveShell: '-ic',
};

export const PROBE_MARKER = 'SLIPWAY_ENV_PROBE_7f3a9c';

/** The command to run as the remote user, or `undefined` for `none`. */
export function probeCommand(kind: ProbeKind, shell: string): string[] | undefined {
  if (kind === 'none') {
    return undefined;
  }
  const script = `printf '%s' ${PROBE_MARKER}; cat /proc/self/environ 2>/dev/null || printenv; printf '%s' ${PROBE_MARKER}`;
  return [shell, FLAGS[kind], script];
}

/** Reads the environment between the markers: NUL-separated from /proc, or lines from printenv. */
export function parseProbeOutput(stdout: string): Record<string, string> {
  const start = stdout.indexOf(PROBE_MARKER);
  const end = stdout.lastIndexOf(PROBE_MARKER);
  if (start < 0 || end <= start) {
    return {};
  }
  const body = stdout.slice(start + PROBE_MARKER.length, end);
  const separator = body.includes('\0') ? '\0' : '\n';
  const env: Record<string, string> = {};
  for (const entry of body.split(separator)) {
    const equals = entry.indexOf('=');
    if (equals > 0) {
      env[entry.slice(0, equals)] = entry.slice(equals + 1);
    }
  }
  delete env.PWD;
  return env;
}

/** What the probe found that the container's own environment does not already say. */
export function probeDifference(
  probed: Readonly<Record<string, string>>,
  containerEnvironment: readonly string[],
): Record<string, string> {
  const own = envRecord(containerEnvironment);
  const difference: Record<string, string> = {};
  for (const [name, value] of Object.entries(probed)) {
    if (own[name] !== value && !['SHLVL', '_', 'OLDPWD'].includes(name)) {
      difference[name] = value;
    }
  }
  return difference;
}
