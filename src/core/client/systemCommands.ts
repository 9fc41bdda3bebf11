import * as semver from 'semver';
import { classifyFailure } from './classifyFailure';
import { asRecord, asString } from '../json/read';
import { parseJsonOutput, unexpectedOutput } from './json';
import { TIMEOUTS } from './timeouts';
import type { CommandOutcome, ContainerCommand, SystemStatus } from './types';

/** `system status --format` arrived in 0.10; older releases reject it with exit 64. */
const STATUS_FORMAT_SINCE = '0.10.0';

const SERVICE_DOWN_STDERR = /XPC connection error|container system start/i;

/** `apiserver.version container-apiserver version 1.2.2 (…)`, or just `1.2.2`. */
function serverVersion(text: string | undefined): string | undefined {
  return text === undefined
    ? undefined
    : /(?:^|\s|version\s+)v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(text)?.[1];
}

/**
 * Reads the JSON forms. 0.10–1.3: flat, `{"status", "apiServerVersion", …}`.
 * 1.4.1+: nested, `{"status", "client": {"version"}, "server": {"version"}, …}`,
 * where `server.version` is a bare number, or the old server's whole banner
 * while an upgraded client talks to a server that was never restarted (skew).
 */
function parseStatusJson(stdout: string): SystemStatus | undefined {
  const record = asRecord(parseJsonOutput(stdout, 'the system status'));
  const status = asString(record?.status);
  if (status === undefined) {
    return undefined;
  }
  const server = asRecord(record?.server);
  const client = asRecord(record?.client);
  const version = serverVersion(asString(server?.version) ?? asString(record?.apiServerVersion));
  const clientVersion = serverVersion(asString(client?.version));
  return {
    running: status === 'running',
    status,
    ...(version ? { version } : {}),
    ...(clientVersion ? { clientVersion } : {}),
  };
}

/**
 * Reads the text forms: the 0.10+ table (`FIELD VALUE` rows, `status running`)
 * and the 0.5–0.9 sentences (`apiserver is running`, `apiserver is not running
 * and not registered with launchd`).
 */
function parseStatusText(stdout: string): SystemStatus | undefined {
  const version = serverVersion(
    /^apiserver\.version\s+(.+)$/m.exec(stdout)?.[1] ??
      /container-apiserver version\s+\S+/.exec(stdout)?.[0],
  );
  const withVersion = (status: SystemStatus): SystemStatus =>
    version && status.running ? { ...status, version } : status;
  const row = /^status\s+(.+?)\s*$/m.exec(stdout)?.[1];
  if (row !== undefined) {
    return withVersion({ running: row === 'running', status: row });
  }
  const sentence = /apiserver is (not )?running[^\n]*/.exec(stdout);
  if (sentence) {
    const detail = sentence[0].trim();
    if (sentence[1] === undefined) {
      return withVersion({ running: true, status: 'running', detail });
    }
    const status = /not registered/.test(detail) ? 'unregistered' : 'not running';
    return { running: false, status, detail };
  }
  return undefined;
}

/**
 * Reads `system status` in any era. Exit 0 with a "running" answer means
 * running; exit 1 is Apple's "not running" (with the reason on stdout, or an
 * XPC error on stderr). An exit-1 stderr about something else is a real
 * failure and is classified as one.
 */
export function parseSystemStatus(
  args: readonly string[],
  stdout: string,
  outcome: CommandOutcome = { exitCode: 0, stderr: '' },
): SystemStatus {
  const trimmed = stdout.trim();
  const parsed = trimmed.startsWith('{') ? parseStatusJson(trimmed) : parseStatusText(trimmed);
  if (outcome.exitCode === 0) {
    if (parsed === undefined) {
      throw unexpectedOutput('the system status', 'no status in it', stdout);
    }
    return parsed;
  }
  if (parsed !== undefined) {
    return { ...parsed, running: false };
  }
  if (
    trimmed === '' &&
    (outcome.stderr.trim() === '' || SERVICE_DOWN_STDERR.test(outcome.stderr))
  ) {
    return { running: false, status: 'not running' };
  }
  throw classifyFailure(args, outcome.exitCode, outcome.stderr);
}

/**
 * `system status`: whether the service is up. Exits 1 when it is not, so
 * that code is declared an answer. JSON from 0.10; pass the CLI version so an
 * older one gets the plain form it understands (unknown means current).
 */
export function systemStatusCommand(
  options: { cliVersion?: string } = {},
): ContainerCommand<SystemStatus> {
  const version = options.cliVersion === undefined ? null : semver.valid(options.cliVersion);
  const json = version === null || semver.gte(version, STATUS_FORMAT_SINCE);
  const args = json ? ['system', 'status', '--format', 'json'] : ['system', 'status'];
  return {
    args,
    parse: (stdout, outcome) => parseSystemStatus(args, stdout, outcome),
    acceptExitCodes: [1],
    timeoutMs: TIMEOUTS.systemStatus,
    summary: 'check the container system service',
  };
}

/**
 * `system start --enable-kernel-install`. Without the flag Apple prompts on
 * stdin when no kernel is installed, which would hang an unattended call. No
 * time limit: the first start downloads the kernel.
 */
export function systemStartCommand(): ContainerCommand<void> {
  return {
    args: ['system', 'start', '--enable-kernel-install'],
    parse: () => undefined,
    summary: 'start the container system service',
  };
}
