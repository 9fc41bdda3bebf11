import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MINIMUM_CONTAINER_VERSION } from '../../../src/core/client/cliVersion';
import { setupChecks, type SetupCheck } from '../../../src/core/view/checkSetup';
import { checkSetupHtml, commandHref } from '../../../src/core/view/checkSetupHtml';

const page = (checks: readonly SetupCheck[] | undefined, checkedAt?: string): string =>
  checkSetupHtml({
    checks,
    ...(checkedAt !== undefined ? { checkedAt } : {}),
    nonce: 'n0nce',
    cspSource: 'vscode-webview://x',
    time: { locale: 'en-GB', timeZone: 'Europe/Berlin' },
  });

const stopped = setupChecks({
  platform: 'darwin',
  arch: 'arm64',
  osVersion: '26.1',
  cli: { found: true, path: '/usr/local/bin/container', version: '1.2.2' },
  service: { running: false, status: 'stopped' },
  minimumVersion: MINIMUM_CONTAINER_VERSION,
});

/** The sections of the page, one per check. */
function rows(html: string): Array<{ id: string; status: string; text: string }> {
  return [
    ...html.matchAll(
      /<section class="check \w+" id="check-([\w-]+)" data-status="(\w+)">([\s\S]*?)<\/section>/g,
    ),
  ].map((m) => ({ id: m[1]!, status: m[2]!, text: m[3]! }));
}

describe('Check Setup page', () => {
  it('draws a row per check with its state, what was found and why it matters', () => {
    const html = page(stopped, '2026-08-07T10:05:00Z');
    const drawn = rows(html);
    assert.deepEqual(
      drawn.map((r) => [r.id, r.status]),
      stopped.map((c) => [c.id, c.status]),
    );
    const service = drawn.find((r) => r.id === 'service')!;
    assert.match(service.text, /✕<\/span> Error/);
    assert.match(
      service.text,
      /container system service<\/span>: <span class="detail">Not running \(stopped\)\.<\/span>/,
    );
    assert.match(service.text, /<div class="why">No container can be created/);
    const version = drawn.find((r) => r.id === 'version')!;
    // Plain text, not Markdown: no backslash escapes such as 1\.2\.2.
    assert.match(version.text, /1\.2\.2 \(Slipway needs/);
    assert.doesNotMatch(html, /\\\./);
    assert.match(html, /<strong>2 problems<\/strong>, checked 7 Aug 2026, 12:05 CEST/);
  });

  it('has a button per fix, only for problems, and Check Again', () => {
    const html = page(stopped, '2026-08-07T10:05:00Z');
    const service = rows(html).find((r) => r.id === 'service')!;
    assert.match(
      service.text,
      /<a class="button" href="command:slipway\.startSystem">Start Container System<\/a>/,
    );
    const ssh = rows(html).find((r) => r.id === 'ssh')!;
    assert.match(
      ssh.text,
      /href="command:workbench\.extensions\.installExtension\?%5B%22ms-vscode-remote\.remote-ssh%22%5D"/,
    );
    const ok = rows(html).find((r) => r.id === 'os')!;
    assert.doesNotMatch(ok.text, /<a /);
    assert.match(html, /href="command:slipway\.checkSetup">Check Again<\/a>/);
  });

  it('says it is checking, and nothing of an earlier result, while a run is under way', () => {
    const html = page(undefined);
    assert.match(html, /Checking…/);
    assert.equal(rows(html).length, 0);
    const body = html.slice(html.indexOf('<body>'));
    assert.doesNotMatch(body, /problem|passed|Check Again/);
  });

  it('runs no script and loads nothing: a CSP with styles by nonce only', () => {
    const html = page(stopped);
    assert.match(
      html,
      /content="default-src 'none'; style-src vscode-webview:\/\/x 'nonce-n0nce';"/,
    );
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<style nonce="n0nce">/);
  });

  it('escapes what the CLI and the machine said', () => {
    const evil: SetupCheck = {
      id: 'service',
      title: 'container system service',
      status: 'warning',
      detail: '<img src=x onerror=alert(1)> "quoted"',
      why: 'Why.',
      fix: '<b>bold</b>',
      actions: [{ label: '<x>', command: 'slipway.startSystem', args: ['a"b'] }],
    };
    const html = page([evil]);
    assert.doesNotMatch(html, /<img|<b>|<x>/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62; &#34;quoted&#34;/);
    assert.match(html, /href="command:slipway\.startSystem\?%5B%22a%5C%22b%22%5D"/);
  });

  it('encodes command arguments as the JSON array VS Code expects', () => {
    assert.equal(commandHref('slipway.checkSetup'), 'command:slipway.checkSetup');
    assert.equal(decodeURIComponent(commandHref('x.y', ['a', 1]).split('?')[1]!), '["a",1]');
  });
});
