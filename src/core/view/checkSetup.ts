import * as semver from 'semver';
import { CONTAINER_RELEASES_URL } from '../client/classifyFailure';
import { CONTAINER_PATH_SETTING } from '../client/cliErrors';
import { DOCTOR_RULES } from './doctorChecks';
import type { DoctorProbe } from './doctorProbe';

/**
 * Slipway: Check Setup. The editor probes the machine (src/vscode, src/node)
 * and this turns what it found into checks with a verdict and a fix, so the
 * rules are tested without a Mac and the report reads the same everywhere.
 */

export interface SetupProbe extends DoctorProbe {
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
  /** `slipway doctor`: no editor, so its extensions are not checked. */
  fromCli?: boolean;
  /** MINIMUM_CONTAINER_VERSION from src/core/client/cliVersion.ts. */
  minimumVersion: string;
}

export type CheckStatus = 'ok' | 'warning' | 'error' | 'skipped';

/**
 * A button that fixes or explains a problem: a command, or a web page. The
 * Check Setup panel runs only the commands in FIX_COMMANDS, so a new fix
 * command is added there too (a test checks every check's actions).
 */
export type SetupAction =
  | { label: string; command: FixCommand; args?: readonly unknown[] }
  | { label: string; url: string };

/** Every command a Check Setup button may run (the webview allows these and no others). */
export const FIX_COMMANDS = [
  'slipway.checkSetup',
  'slipway.startSystem',
  'slipway.restartSystem',
  'slipway.restartBuilder',
  'slipway.rebuild',
  'slipway.configureResources',
  'slipway.setContainerPath',
  'workbench.extensions.installExtension',
] as const;
export type FixCommand = (typeof FIX_COMMANDS)[number];

export interface SetupCheck {
  /** Stable, for tests and for later checks to refer to: `os`, `cli`, `service`, ... */
  id: string;
  title: string;
  status: CheckStatus;
  /** Plain text: what was found. */
  detail: string;
  /** Plain text, one sentence: why this check matters to running dev containers. */
  why: string;
  /** Plain text: what to do about a warning or error. */
  fix?: string;
  /** Buttons for the fix, shown with a warning or error. */
  actions: SetupAction[];
}

/** One check: what the probe found, judged. New checks are new rules in SETUP_RULES. */
export type SetupRule = (probe: SetupProbe) => SetupCheck;

/** The macOS release Apple's container is built for; 15 runs it without some networking. */
const FULL_SUPPORT_MACOS = 26;
const REMOTE_SSH = 'ms-vscode-remote.remote-ssh';

const INSTALL_CONTAINER: SetupAction = { label: 'Install container', url: CONTAINER_RELEASES_URL };

const WHY = {
  os: `Apple's container is built for macOS ${FULL_SUPPORT_MACOS}; on older releases some of its networking is missing.`,
  chip: "Every dev container is a lightweight VM, and Apple's container runs those only on Apple silicon.",
  cli: "Slipway creates, starts and lists every container with Apple's container command line tool.",
  version: 'Older releases lack options Slipway passes and answer in other shapes.',
  service:
    'No container can be created, started or listed while the container system service is stopped.',
  ssh: 'Reopen in Apple Container connects this window to the container through Remote - SSH.',
} as const;

function osCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'os', title: 'macOS', why: WHY.os, actions: [] };
  if (probe.platform !== 'darwin') {
    return {
      ...base,
      status: 'warning',
      detail: `Apple's container runs on macOS ${FULL_SUPPORT_MACOS} on Apple silicon; this machine is ${probe.platform}. Slipway can still drive a compatible container command on PATH (for example a test stand-in).`,
    };
  }
  const major = Number.parseInt(probe.osVersion ?? '', 10);
  if (Number.isNaN(major)) {
    return {
      ...base,
      status: 'warning',
      detail: `Could not read the macOS version; Apple's container needs macOS ${FULL_SUPPORT_MACOS} for all its features.`,
    };
  }
  if (major < FULL_SUPPORT_MACOS) {
    return {
      ...base,
      status: 'warning',
      detail: `macOS ${probe.osVersion ?? major}: container 0.x runs on macOS 15 with limits, and its networking features need macOS ${FULL_SUPPORT_MACOS}.`,
      fix: `Update to macOS ${FULL_SUPPORT_MACOS} or later.`,
    };
  }
  return { ...base, status: 'ok', detail: `macOS ${probe.osVersion ?? major}` };
}

function chipCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'chip', title: 'Apple silicon', why: WHY.chip, actions: [] };
  if (probe.platform !== 'darwin') {
    return { ...base, status: 'skipped', detail: 'Not a Mac.' };
  }
  if (probe.arch !== 'arm64') {
    return {
      ...base,
      status: 'error',
      detail: `This Mac's processor is ${probe.chip ?? probe.arch}; Apple's container runs only on Apple silicon, not on Intel Macs.`,
    };
  }
  return { ...base, status: 'ok', detail: probe.chip ?? 'Apple silicon (arm64)' };
}

function cliCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'cli', title: 'container CLI', why: WHY.cli };
  if (!probe.cli.found) {
    return {
      ...base,
      status: 'error',
      detail: probe.cli.message,
      fix: `Install container from ${CONTAINER_RELEASES_URL} (the signed .pkg), or set \`${CONTAINER_PATH_SETTING}\``,
      actions: [
        INSTALL_CONTAINER,
        { label: `Set ${CONTAINER_PATH_SETTING}`, command: 'slipway.setContainerPath' },
      ],
    };
  }
  return { ...base, status: 'ok', detail: probe.cli.path, actions: [] };
}

function versionCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'version', title: 'container version', why: WHY.version };
  if (!probe.cli.found) {
    return { ...base, status: 'skipped', detail: 'Needs the container CLI.', actions: [] };
  }
  const { version, error } = probe.cli;
  const valid = version === undefined ? null : semver.valid(version);
  if (valid === null) {
    const read = version === undefined ? 'no version' : `"${version}"`;
    return {
      ...base,
      status: 'warning',
      detail: `Could not read the version (${error ?? `container --version gave ${read}`}).`,
      fix: 'Run `container --version` in a terminal to see what it reports.',
      actions: [],
    };
  }
  if (semver.lt(valid, probe.minimumVersion)) {
    // 0.0.0 is what a build without a version number prints, not a real old release.
    const which = valid === '0.0.0' ? '0.0.0 (a build without a version number)' : valid;
    return {
      ...base,
      status: 'error',
      detail: `container ${which} is older than ${probe.minimumVersion}, the oldest Slipway drives.`,
      fix: `Install container ${probe.minimumVersion} or newer from ${CONTAINER_RELEASES_URL}.`,
      actions: [INSTALL_CONTAINER],
    };
  }
  return {
    ...base,
    status: 'ok',
    detail: `${valid} (Slipway needs ${probe.minimumVersion} or newer)`,
    actions: [],
  };
}

function serviceCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'service', title: 'container system service', why: WHY.service };
  const { service } = probe;
  if (!probe.cli.found || service === undefined) {
    const why = probe.cli.found ? 'Not checked.' : 'Needs the container CLI.';
    return { ...base, status: 'skipped', detail: why, actions: [] };
  }
  if ('error' in service) {
    return {
      ...base,
      status: 'warning',
      detail: `Could not ask whether it is running: ${service.error}`,
      actions: [],
    };
  }
  const said = [service.status, service.detail].filter((part) => part !== undefined && part !== '');
  const suffix = said.length === 0 ? '' : ` (${said.join(': ')})`;
  if (!service.running) {
    return {
      ...base,
      status: 'error',
      detail: `Not running${suffix}.`,
      fix: 'Run Slipway: Start Container System',
      actions: [{ label: 'Start Container System', command: 'slipway.startSystem' }],
    };
  }
  return { ...base, status: 'ok', detail: `Running${suffix}`, actions: [] };
}

function sshCheck(probe: SetupProbe): SetupCheck {
  const base = { id: 'ssh', title: 'Remote - SSH', why: WHY.ssh };
  if (probe.fromCli === true) {
    return {
      ...base,
      status: 'skipped',
      detail: "Checked in the editor: run 'Slipway: Check Setup' there.",
      actions: [],
    };
  }
  if (probe.sshExtension === undefined) {
    return {
      ...base,
      status: 'warning',
      detail: 'No Remote - SSH extension is installed.',
      fix: `Install Remote - SSH (${REMOTE_SSH}).`,
      actions: [
        {
          label: 'Install Remote - SSH',
          command: 'workbench.extensions.installExtension',
          args: [REMOTE_SSH],
        },
      ],
    };
  }
  return { ...base, status: 'ok', detail: probe.sshExtension, actions: [] };
}

/** The checks in the order a person would fix them: machine, CLI, service, editor. */
export const SETUP_RULES: readonly SetupRule[] = [
  osCheck,
  chipCheck,
  cliCheck,
  versionCheck,
  serviceCheck,
  ...DOCTOR_RULES,
  sshCheck,
];

export function setupChecks(
  probe: SetupProbe,
  rules: readonly SetupRule[] = SETUP_RULES,
): SetupCheck[] {
  return rules.map((rule) => rule(probe));
}

export function isProblem(check: SetupCheck): boolean {
  return check.status === 'warning' || check.status === 'error';
}

/** `All checks passed`, or `2 problems`. */
export function setupSummary(checks: readonly SetupCheck[]): string {
  const problems = checks.filter(isProblem).length;
  return problems === 0 ? 'All checks passed' : `${problems} problem${problems === 1 ? '' : 's'}`;
}

const STATUS_WORDS: Readonly<Record<CheckStatus, string>> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  skipped: 'skipped',
};

/** Plain text for the log: one line per check, its fix under a problem. */
export function setupReport(checks: readonly SetupCheck[]): string {
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(`${STATUS_WORDS[check.status].padEnd(8)}${check.title}: ${check.detail}`);
    if (isProblem(check) && check.fix !== undefined) {
      lines.push(`        Fix: ${check.fix}`);
    }
  }
  lines.push(setupSummary(checks));
  return lines.join('\n');
}
