import {
  isProblem,
  setupSummary,
  type CheckStatus,
  type SetupAction,
  type SetupCheck,
} from './checkSetup';
import { escapeHtml, webviewPage } from './html';
import { localTime, type TimeFormat } from './localTime';

/**
 * The Check Setup page: a row per check with its state, what was found, why
 * it matters and a button per fix. No scripts: the buttons are `command:`
 * links, which the panel allows for the fix commands only, and web links.
 */

export interface CheckSetupPage {
  /** Undefined while the checks run, so an earlier result is never shown as current. */
  checks: readonly SetupCheck[] | undefined;
  /** ISO time the checks finished. */
  checkedAt?: string;
  nonce: string;
  cspSource: string;
  time?: TimeFormat;
}

const STATES: Readonly<Record<CheckStatus, { mark: string; word: string }>> = {
  ok: { mark: '✓', word: 'OK' },
  warning: { mark: '!', word: 'Warning' },
  error: { mark: '✕', word: 'Error' },
  skipped: { mark: '–', word: 'Not checked' },
};

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; max-width: 920px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 4px; }
.summary { margin: 0 0 16px; color: var(--vscode-descriptionForeground); }
.summary strong { color: var(--vscode-foreground); }
.check { display: grid; grid-template-columns: 9em 1fr; gap: 4px 12px; padding: 10px 0; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
.state { font-weight: 600; white-space: nowrap; }
.state .mark { display: inline-block; width: 1.2em; text-align: center; }
.ok .state { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.warning .state { color: var(--vscode-problemsWarningIcon-foreground, var(--vscode-editorWarning-foreground)); }
.error .state { color: var(--vscode-problemsErrorIcon-foreground, var(--vscode-errorForeground)); }
.skipped .state { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.title { font-weight: 600; }
.detail { overflow-wrap: anywhere; }
.why { color: var(--vscode-descriptionForeground); }
.fix { margin-top: 2px; }
.actions { margin-top: 6px; display: flex; gap: 8px; flex-wrap: wrap; }
a.button { display: inline-block; padding: 4px 12px; border-radius: 2px; text-decoration: none; background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 1px solid var(--vscode-button-border, transparent); }
a.button:hover { background: var(--vscode-button-hoverBackground); }
a.button:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
a.button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
a.button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
`;

/** A `command:` link with its arguments, as VS Code decodes them (a JSON array). */
export function commandHref(command: string, args?: readonly unknown[]): string {
  return args === undefined || args.length === 0
    ? `command:${command}`
    : `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function actionLink(action: SetupAction, secondary: boolean): string {
  const href = 'url' in action ? action.url : commandHref(action.command, action.args);
  const kind = secondary ? 'button secondary' : 'button';
  return `<a class="${kind}" href="${escapeHtml(href)}">${escapeHtml(action.label)}</a>`;
}

function row(check: SetupCheck): string {
  const state = STATES[check.status];
  const problem = isProblem(check);
  const fix =
    problem && check.fix !== undefined
      ? `<div class="fix">Fix: ${escapeHtml(check.fix)}</div>`
      : '';
  const actions =
    problem && check.actions.length > 0
      ? `<div class="actions">${check.actions.map((a, i) => actionLink(a, i > 0)).join('')}</div>`
      : '';
  return `<section class="check ${check.status}" id="check-${escapeHtml(check.id)}" data-status="${check.status}">
<div class="state"><span class="mark">${state.mark}</span> ${state.word}</div>
<div>
<div><span class="title">${escapeHtml(check.title)}</span>: <span class="detail">${escapeHtml(check.detail)}</span></div>
<div class="why">${escapeHtml(check.why)}</div>
${fix}${actions}
</div>
</section>`;
}

export function checkSetupHtml(page: CheckSetupPage): string {
  const nonce = escapeHtml(page.nonce);
  const csp = `default-src 'none'; style-src ${escapeHtml(page.cspSource)} 'nonce-${nonce}';`;
  const again = actionLink({ label: 'Check Again', command: 'slipway.checkSetup' }, true);
  let body: string;
  if (page.checks === undefined) {
    body = '<p class="summary" id="summary">Checking…</p>';
  } else {
    const when =
      page.checkedAt === undefined
        ? ''
        : `, checked ${escapeHtml(localTime(page.checkedAt, page.time))}`;
    body = `<p class="summary" id="summary"><strong>${setupSummary(page.checks)}</strong>${when} <span class="actions">${again}</span></p>
${page.checks.map(row).join('\n')}`;
  }
  return webviewPage({
    title: 'Slipway: Check Setup',
    heading: 'Slipway: Check Setup',
    csp,
    nonce,
    style: STYLE,
    body,
  });
}
