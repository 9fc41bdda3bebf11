import { failedHooks, type BackgroundHook } from './backgroundHooks';
import { formatDuration } from './duration';
import { busyText, phaseLabel } from './phases';
import {
  compareWithPrevious,
  describeAction,
  type StartAction,
  type StartRecord,
} from './startupHistory';

/**
 * The status bar item during and after a start: what it says, what its
 * tooltip says, and what clicking it does. The controller in src/vscode only
 * copies these fields onto a StatusBarItem (making the tooltip a trusted
 * MarkdownString, so the command links work).
 */

export type StartupStatus =
  | { kind: 'idle' }
  | {
      kind: 'busy';
      operation: 'reopen' | 'rebuild' | 'start' | 'attach';
      containerName?: string;
      phase: string;
      elapsedMs: number;
    }
  | {
      kind: 'ready';
      record: StartRecord;
      history: readonly StartRecord[];
      /** The hooks after `waitFor`, as they are now. */
      background: readonly BackgroundHook[];
    }
  | {
      kind: 'failed';
      /** In the user's words (from describeError), never a class name. */
      message: string;
      /** More to read (a hook's last output), several lines. */
      detail?: string;
      remedy?: string;
      phase?: string;
      elapsedMs: number;
    };

export interface StatusPresentation {
  /** With codicons, such as `$(vm-running)`. */
  text: string;
  /** Markdown. */
  tooltip: string;
  background?: 'statusBarItem.errorBackground' | 'statusBarItem.warningBackground';
  /** The command a click runs. */
  command?: string;
  visible: boolean;
}

/** Status bar text is not Markdown, but `$(name)` there is an icon. */
function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Text for Markdown, taken literally. Line breaks become spaces, so a CLI
 * message cannot start a heading, a code block or a new table row; then only
 * the characters that mean something inside a line get a backslash, plus a
 * marker that would open a block at the start. Dots, colons and slashes stay
 * bare because VS Code's renderer links a URL before it reads escapes, and an
 * escaped URL would link somewhere else.
 */
export function escapeMarkdown(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return escapeIcons(line.replace(/[\\`*_[\]<>|~&]/g, '\\$&'))
    .replace(/^[#+\-=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const link = (title: string, command: string): string => `[${title}](command:${command})`;

const READY_LINKS = [
  link('Show Log', 'slipway.showLog'),
  link('Open Terminal', 'slipway.openTerminal'),
  link('Rebuild', 'slipway.rebuild'),
  link('Stop', 'slipway.stop'),
  link('Timeline', 'slipway.showTimeline'),
].join(' · ');

const FAILED_LINKS = [link('Show Log', 'slipway.showLog'), link('Rebuild', 'slipway.rebuild')].join(
  ' · ',
);

const OPERATION_WORDS: Readonly<Record<'reopen' | 'rebuild' | 'start' | 'attach', string>> = {
  reopen: 'Reopening in a container',
  rebuild: 'Rebuilding the container',
  start: 'Starting the container',
  attach: 'Attaching to the container',
};

/** 'that created a container', for the comparison line. */
const COMPARED_ACTION: Readonly<Record<StartAction, string>> = {
  created: 'that created a container',
  started: 'that started a stopped container',
  reused: 'that reused a running container',
};

function presentBusy(status: Extract<StartupStatus, { kind: 'busy' }>): StatusPresentation {
  const doing = busyText(status.phase);
  const elapsed = formatDuration(status.elapsedMs);
  const container =
    status.containerName === undefined ? '' : ` **${escapeMarkdown(status.containerName)}**`;
  return {
    text: `$(loading~spin) Slipway: ${escapeIcons(doing)}… ${elapsed}`,
    tooltip: [
      `${OPERATION_WORDS[status.operation]}${container}`,
      '',
      `${escapeMarkdown(doing)}… (${elapsed} so far)`,
      '',
      `Cancel from the notification · ${link('Show Log', 'slipway.showLog')}`,
    ].join('\n'),
    command: 'slipway.showLog',
    visible: true,
  };
}

function comparisonLine(history: readonly StartRecord[], record: StartRecord): string {
  const { previousCount, previousMedianMs, deltaMs } = compareWithPrevious(history, record);
  const kind = COMPARED_ACTION[record.action];
  if (previousMedianMs === undefined || deltaMs === undefined) {
    return `No earlier starts ${kind} to compare with.`;
  }
  const delta = Math.round(deltaMs);
  const verdict =
    delta === 0
      ? 'this one took the same time'
      : `this one was ${formatDuration(Math.abs(delta))} ${delta < 0 ? 'faster' : 'slower'}`;
  const previous =
    previousCount === 1
      ? `Previous start ${kind}: ${formatDuration(previousMedianMs)}`
      : `Previous ${previousCount} starts ${kind}: median ${formatDuration(previousMedianMs)}`;
  return `${previous} — ${verdict}`;
}

function presentReady(status: Extract<StartupStatus, { kind: 'ready' }>): StatusPresentation {
  const { record } = status;
  const total = formatDuration(record.totalMs);
  const lines = [
    `**${escapeMarkdown(record.containerName)}** is ready: Slipway ${describeAction(record.action)} in ${total}.`,
    '',
    '| Phase | Time |',
    '| :-- | --: |',
    // Hooks after waitFor are not part of the time to ready: they have their own table.
    ...record.phases
      .filter((p) => p.background !== true)
      .map((p) => `| ${escapeMarkdown(phaseLabel(p.phase))} | ${formatDuration(p.ms)} |`),
    `| **Total** | **${total}** |`,
    '',
  ];
  if (status.background.length > 0) {
    lines.push(...backgroundTable(status.background), '');
  }
  lines.push(comparisonLine(status.history, record), '', READY_LINKS);
  const failed = failedHooks(status.background);
  const name = `${escapeIcons(record.containerName)} · ${total}`;
  return {
    // Still ready (it is), but a failed hook after it does not go unseen.
    text:
      failed.length === 0
        ? `$(vm-running) ${name}`
        : `$(warning) ${name} · ${failed.map((hook) => escapeIcons(hook.hook)).join(', ')} failed`,
    tooltip: lines.join('\n'),
    ...(failed.length > 0 ? { background: 'statusBarItem.warningBackground' as const } : {}),
    command: 'slipway.statusActions',
    visible: true,
  };
}

const HOOK_STATE_WORDS: Readonly<Record<BackgroundHook['state'], string>> = {
  waiting: 'waiting',
  running: 'running…',
  done: 'done',
  failed: '**failed**',
  skipped: 'not run (a hook before it failed)',
};

/** The hooks after `waitFor`, each with its state now and, once ended, its time. */
function backgroundTable(hooks: readonly BackgroundHook[]): string[] {
  const rows = hooks.map((entry) => {
    const time = entry.ms === undefined ? '' : ` in ${formatDuration(entry.ms)}`;
    return `| ${escapeMarkdown(phaseLabel(entry.hook))} | ${HOOK_STATE_WORDS[entry.state]}${time} |`;
  });
  const reasons = failedHooks(hooks)
    .filter((entry) => entry.message !== undefined)
    .map((entry) => escapeMarkdown(entry.message ?? ''));
  return [
    '| After ready, in the background | |',
    '| :-- | --: |',
    ...rows,
    ...(reasons.length > 0 ? ['', ...reasons] : []),
  ];
}

/** Several lines of detail (a hook's last output), each escaped on its own, kept apart by hard breaks. */
function detailLines(detail: string | undefined): string[] {
  if (detail === undefined) {
    return [];
  }
  const lines = detail.split('\n').filter((line) => line.trim() !== '');
  return [lines.map((line) => escapeMarkdown(line)).join('  \n'), ''];
}

function presentFailed(status: Extract<StartupStatus, { kind: 'failed' }>): StatusPresentation {
  const where =
    status.phase === undefined ? '' : ` during *${escapeMarkdown(phaseLabel(status.phase))}*,`;
  return {
    text: '$(error) Slipway: start failed',
    tooltip: [
      `**Slipway: start failed**${where} after ${formatDuration(status.elapsedMs)}.`,
      '',
      escapeMarkdown(status.message),
      '',
      ...detailLines(status.detail),
      ...(status.remedy !== undefined ? [escapeMarkdown(status.remedy), ''] : []),
      FAILED_LINKS,
    ].join('\n'),
    background: 'statusBarItem.errorBackground',
    command: 'slipway.statusActions',
    visible: true,
  };
}

export function presentStatus(status: StartupStatus): StatusPresentation {
  switch (status.kind) {
    case 'idle':
      return { text: '', tooltip: '', visible: false };
    case 'busy':
      return presentBusy(status);
    case 'ready':
      return presentReady(status);
    case 'failed':
      return presentFailed(status);
  }
}
