/**
 * Argument parsing is appleGrammar's job (test/support/appleGrammar.ts), so the
 * grammar lives in one place. This file turns its verdict into what Apple's
 * CLI would do:
 * - problems tagged "(checker's rule)" are the checker's own warnings about
 *   argv Apple accepts, so they are dropped;
 * - version notes ("(added in container 0.10.0; ...)") are the checker's
 *   explanation, not Apple's words, so they are cut off;
 * - the first exit-64 problem becomes a usage error, with swift-argument-parser's
 *   "Did you mean" where Apple would add one;
 * - exit-1 problems are handed to the command, which raises them at the point
 *   Apple's code would.
 */
import { appleLongOptionNames, parseAppleArgv } from '../../support/appleGrammar';
import { UsageError } from '../errors';
import type { AppleVersion } from '../version';
import { Options } from './options';
import { suggestOption } from './suggest';

export type Parsed =
  | { readonly kind: 'version' }
  | { readonly kind: 'help'; readonly command: readonly string[] }
  | { readonly kind: 'unsupported'; readonly command: readonly string[] }
  | {
      readonly kind: 'command';
      readonly command: readonly string[];
      readonly options: Options;
      readonly positionals: readonly string[];
      /** Apple's runtime (exit 1) complaints about option values, in argv order. */
      readonly runtimeProblems: readonly string[];
    };

const CHECKER_RULE = "(checker's rule)";
const VERSION_NOTE = / \((added|removed) in container [^)]*\)$/;
const PLUGIN_NOT_FOUND = /^Plugin 'container-(.*)' not found\.$/;

function pluginHints(name: string): string {
  return [
    `/usr/local/libexec/container-plugins/${name}`,
    `/usr/local/libexec/container/plugins/${name}`,
  ].join('\n  - ');
}

/** DefaultCommand's text when no plugin answers to the word (Apple's multi-line ValidationError). */
export function pluginNotFoundMessage(name: string, serviceUp: boolean): string {
  if (!serviceUp) {
    return (
      'Plugins are unavailable. Start the container system services and retry:\n\n' +
      '    container system start\n\n' +
      `Check to see that the plugin exists under:\n  - ${pluginHints(name)}\n`
    );
  }
  return (
    `Plugin 'container-${name}' not found.\n\n` +
    '- If system services are not running, start them with: container system start\n' +
    "- If the plugin isn't installed, ensure it exists under:\n\n" +
    `Check to see that the plugin exists under:\n  - ${pluginHints(name)}\n`
  );
}

function withSuggestion(
  message: string,
  command: readonly string[],
  version: AppleVersion,
): string {
  const match = /^Unknown option '(--[^']+)'$/.exec(message);
  if (!match?.[1]) {
    return message;
  }
  const suggestion = suggestOption(
    match[1],
    appleLongOptionNames(command, { version: version.text }),
  );
  return suggestion === undefined ? message : `${message}. Did you mean '${suggestion}'?`;
}

export function parseCommandLine(
  args: readonly string[],
  version: AppleVersion,
  serviceUp: boolean,
): Parsed {
  const result = parseAppleArgv(['container', ...args], { version: version.text });
  const names = new Set(result.options.map((o) => o.name));
  if (names.has('--version') && result.command.length === 0) {
    return { kind: 'version' };
  }
  if (names.has('--help')) {
    return { kind: 'help', command: result.command };
  }
  const problems = result.problems
    .filter((p) => !p.message.includes(CHECKER_RULE))
    .map((p) => ({ ...p, message: p.message.replace(VERSION_NOTE, '') }));
  if (problems.some((p) => p.message.includes('is not modelled by appleGrammar'))) {
    return { kind: 'unsupported', command: result.command };
  }
  // `container` or `container image` alone print their help and exit 0.
  if (problems.some((p) => /^Missing (sub)?command: /.test(p.message))) {
    return { kind: 'help', command: result.command };
  }
  const usage = problems.find((p) => p.exitCode === 64);
  if (usage) {
    const plugin = PLUGIN_NOT_FOUND.exec(usage.message);
    const message = plugin?.[1]
      ? pluginNotFoundMessage(plugin[1], serviceUp)
      : withSuggestion(usage.message, result.command, version);
    throw new UsageError(message, plugin ? [] : result.command);
  }
  return {
    kind: 'command',
    command: result.command,
    options: new Options(result.options),
    positionals: result.positionals,
    runtimeProblems: problems.map((p) => p.message),
  };
}
