import * as semver from 'semver';
import { CONTAINER_RELEASES_URL } from '../client/classifyFailure';
import { CONTAINER_PATH_SETTING } from '../client/cliErrors';
import { escapeMarkdown } from './statusModel';

/**
 * Slipway: Check Setup. The editor probes the machine (src/vscode, src/node)
 * and this turns what it found into checks with a verdict and a fix, so the
 * rules are tested without a Mac and the report reads the same everywhere.
 */

export interface SetupProbe {
  /** `process.platform`. */
  platform: string;
  /** `process.arch`. */
  arch: string;
  /** macOS product version from `sw_vers`, such as `26.1`. */
  osVersion?: string;
  /** Such as `Apple M3 Pro`. */
  chip?: string;
  cli:
    | { found: true; path: string; version?: string; error?: string }
    | { found: false; message: string };
  service?: { running: boolean; status?: string; detail?: string } | { error: string };
  /** The id of the Remote - SSH extension found, if any. */
  sshExtension?: string;
  /** MINIMUM_CONTAINER_VERSION from src/core/client/cliVersion.ts. */
  minimumVersion: string;
}

export type CheckStatus = 'ok' | 'warning' | 'error' | 'skipped';

export interface SetupCheck {
  id: 'os' | 'chip' | 'cli' | 'version' | 'service' | 'ssh';
  title: string;
  status: CheckStatus;
  /** Plain text (the report escapes it), so it also suits a notification. */
  detail: string;
  /** Plain text: what to do about a warning or error. */
  fix?: string;
  /** A command that applies the fix, such as `slipway.startSystem`. */
  fixCommand?: string;
}

/** The macOS release Apple's container is built for; 15 runs it without some networking. */
const FULL_SUPPORT_MACOS = 26;
const REMOTE_SSH = 'ms-vscode-remote.remote-ssh';

function osCheck(probe: SetupProbe): SetupCheck {
  const title = 'macOS';
  if (probe.platform !== 'darwin') {
    return {
      id: 'os',
      title,
      status: 'warning',
      detail: `Apple's container runs on macOS ${FULL_SUPPORT_MACOS} on Apple silicon; this machine is ${probe.platform}. Slipway can still drive a compatible \`container\` on PATH (for example a test stand-in).`,
    };
  }
  const major = Number.parseInt(probe.osVersion ?? '', 10);
  if (Number.isNaN(major)) {
    return {
      id: 'os',
      title,
      status: 'warning',
      detail: `Could not read the macOS version; Apple's container needs macOS ${FULL_SUPPORT_MACOS} for all its features.`,
    };
  }
  if (major < FULL_SUPPORT_MACOS) {
    return {
      id: 'os',
      title,
      status: 'warning',
      detail: `macOS ${probe.osVersion ?? major}: container 0.x runs on macOS 15 with limits, and its networking features need macOS ${FULL_SUPPORT_MACOS}.`,
      fix: `Update to macOS ${FULL_SUPPORT_MACOS} or later.`,
    };
  }
  return { id: 'os', title, status: 'ok', detail: `macOS ${probe.osVersion ?? major}` };
}

function chipCheck(probe: SetupProbe): SetupCheck {
  const title = 'Apple silicon';
  if (probe.platform !== 'darwin') {
    return { id: 'chip', title, status: 'skipped', detail: 'Not a Mac.' };
  }
  if (probe.arch !== 'arm64') {
    return {
      id: 'chip',
      title,
      status: 'error',
      detail: `This Mac's processor is ${probe.chip ?? probe.arch}; Apple's container runs only on Apple silicon, not on Intel Macs.`,
    };
  }
  return { id: 'chip', title, status: 'ok', detail: probe.chip ?? 'Apple silicon (arm64)' };
}

function cliCheck(probe: SetupProbe): SetupCheck {
  const title = 'container CLI';
  if (!probe.cli.found) {
    return {
      id: 'cli',
      title,
      status: 'error',
      detail: probe.cli.message,
      fix: `Install container from ${CONTAINER_RELEASES_URL} (the signed .pkg), or set \`${CONTAINER_PATH_SETTING}\``,
    };
  }
  return { id: 'cli', title, status: 'ok', detail: probe.cli.path };
}

function versionCheck(probe: SetupProbe): SetupCheck {
  const title = 'container version';
  if (!probe.cli.found) {
    return { id: 'version', title, status: 'skipped', detail: 'Needs the container CLI.' };
  }
  const { version, error } = probe.cli;
  const valid = version === undefined ? null : semver.valid(version);
  if (valid === null) {
    const read = version === undefined ? 'no version' : `"${version}"`;
    return {
      id: 'version',
      title,
      status: 'warning',
      detail: `Could not read the version (${error ?? `container --version gave ${read}`}).`,
      fix: 'Run `container --version` in a terminal to see what it reports.',
    };
  }
  if (semver.lt(valid, probe.minimumVersion)) {
    // 0.0.0 is what a build without a version number prints, not a real old release.
    const which = valid === '0.0.0' ? '0.0.0 (a build without a version number)' : valid;
    return {
      id: 'version',
      title,
      status: 'error',
      detail: `container ${which} is older than ${probe.minimumVersion}, the oldest Slipway drives.`,
      fix: `Install container ${probe.minimumVersion} or newer from ${CONTAINER_RELEASES_URL}.`,
    };
  }
  return {
    id: 'version',
    title,
    status: 'ok',
    detail: `${valid} (Slipway needs ${probe.minimumVersion} or newer)`,
  };
}

function serviceCheck(probe: SetupProbe): SetupCheck {
  const title = 'container system service';
  const { service } = probe;
  if (!probe.cli.found || service === undefined) {
    const why = probe.cli.found ? 'Not checked.' : 'Needs the container CLI.';
    return { id: 'service', title, status: 'skipped', detail: why };
  }
  if ('error' in service) {
    return {
      id: 'service',
      title,
      status: 'warning',
      detail: `Could not ask whether it is running: ${service.error}`,
    };
  }
  const said = [service.status, service.detail].filter((part) => part !== undefined && part !== '');
  const suffix = said.length === 0 ? '' : ` (${said.join(': ')})`;
  if (!service.running) {
    return {
      id: 'service',
      title,
      status: 'error',
      detail: `Not running${suffix}.`,
      fix: 'Run Slipway: Start Container System',
      fixCommand: 'slipway.startSystem',
    };
  }
  return { id: 'service', title, status: 'ok', detail: `Running${suffix}` };
}

function sshCheck(probe: SetupProbe): SetupCheck {
  const title = 'Remote - SSH';
  if (probe.sshExtension === undefined) {
    return {
      id: 'ssh',
      title,
      status: 'warning',
      detail: 'No Remote - SSH extension is installed.',
      fix: `Install Remote - SSH (${REMOTE_SSH}) — Reopen in Apple Container connects through it`,
    };
  }
  return { id: 'ssh', title, status: 'ok', detail: probe.sshExtension };
}

/** The checks in the order a person would fix them: machine, CLI, service, editor. */
export function setupChecks(probe: SetupProbe): SetupCheck[] {
  return [
    osCheck(probe),
    chipCheck(probe),
    cliCheck(probe),
    versionCheck(probe),
    serviceCheck(probe),
    sshCheck(probe),
  ];
}

const MARKS: Readonly<Record<CheckStatus, string>> = {
  ok: '✅',
  warning: '⚠️',
  error: '❌',
  skipped: '➖',
};

export function setupReport(checks: readonly SetupCheck[]): string {
  const lines = ['# Slipway: Check Setup', ''];
  for (const check of checks) {
    lines.push(`- ${MARKS[check.status]} **${check.title}**: ${escapeMarkdown(check.detail)}`);
    const failed = check.status === 'warning' || check.status === 'error';
    if (failed && check.fix !== undefined) {
      lines.push(`  - Fix: ${escapeMarkdown(check.fix)}`);
    }
  }
  const problems = checks.filter((c) => c.status === 'warning' || c.status === 'error').length;
  const summary =
    problems === 0 ? 'All checks passed' : `${problems} problem${problems === 1 ? '' : 's'}`;
  lines.push('', `**${summary}**`, '');
  return lines.join('\n');
}
