import * as path from 'node:path';

/**
 * The one change Slipway makes to the user's own SSH config: an `Include` of
 * its file at the very top. ssh uses the first value it finds for each option,
 * and an `Include` only applies to every host when it comes before the first
 * `Host`/`Match`; at the top it is both. Every other byte of the user's file is
 * kept as it is.
 */

export interface IncludeResult {
  text: string;
  changed: boolean;
}

export interface IncludeOptions {
  /** The user's home, to recognise `~/...` and `.ssh`-relative includes. */
  homeDir?: string;
}

export const INCLUDE_COMMENT =
  "# Added by Slipway: its dev containers' SSH hosts. Slipway does not edit the rest of this file.";

/** Splits the text into lines that keep their own line endings, so joining them is lossless. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A config line's keyword (lowercased) and the rest, as ssh reads it: `Key value` or `Key=value`. */
function keywordOf(line: string): { keyword: string; rest: string } | undefined {
  const match = /^[ \t]*([A-Za-z]+)(?:[ \t]*=[ \t]*|[ \t]+)(.*?)[ \t\r\n]*$/.exec(line);
  return match ? { keyword: (match[1] ?? '').toLowerCase(), rest: match[2] ?? '' } : undefined;
}

/** ssh's argument splitting: blanks separate, quotes group, `\"` `\'` `\\` escape, `#` starts a comment. */
export function splitConfigArgs(text: string): string[] {
  const args: string[] = [];
  let index = 0;
  while (index < text.length) {
    while (text[index] === ' ' || text[index] === '\t') {
      index++;
    }
    if (index >= text.length || text[index] === '#') {
      break;
    }
    let arg = '';
    let quote = '';
    for (; index < text.length; index++) {
      const character = text[index] ?? '';
      const next = text[index + 1] ?? '';
      if (character === '\\' && (`'"\\`.includes(next) || (quote === '' && next === ' '))) {
        arg += next;
        index++;
      } else if (quote === '' && (character === ' ' || character === '\t')) {
        break;
      } else if (quote === '' && (character === '"' || character === "'")) {
        quote = character;
      } else if (quote !== '' && character === quote) {
        quote = '';
      } else {
        arg += character;
      }
    }
    args.push(arg);
  }
  return args;
}

/** Where an Include argument points: `~` expanded, relative paths in `~/.ssh` (as ssh reads the user's config). */
function resolveIncludePath(arg: string, homeDir: string | undefined): string {
  if (homeDir !== undefined && (arg === '~' || arg.startsWith('~/'))) {
    return path.posix.normalize(homeDir + arg.slice(1));
  }
  if (homeDir !== undefined && !arg.startsWith('/') && !arg.startsWith('~')) {
    return path.posix.join(homeDir, '.ssh', arg);
  }
  return path.posix.normalize(arg);
}

/** The lines before the first Host/Match, where an Include applies to every host. */
function topLevelIncludes(lines: readonly string[], homeDir: string | undefined): Set<string> {
  const found = new Set<string>();
  for (const line of lines) {
    const parsed = keywordOf(line);
    if (parsed === undefined || line.trimStart().startsWith('#')) {
      continue;
    }
    if (parsed.keyword === 'host' || parsed.keyword === 'match') {
      break;
    }
    if (parsed.keyword === 'include') {
      for (const arg of splitConfigArgs(parsed.rest)) {
        found.add(resolveIncludePath(arg, homeDir));
      }
    }
  }
  return found;
}

/** `Include "<path>"`: glob characters escaped (ssh globs Include paths), then quoted for ssh_config. */
export function includeLine(includePath: string): string {
  const literal = includePath.replace(/[\\*?[]/g, (character) => `\\${character}`);
  return `Include "${literal.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** Adds `Include "<path>"` once, at the very top (after a byte-order mark, if any). */
export function ensureInclude(
  userConfigText: string,
  includePath: string,
  options: IncludeOptions = {},
): IncludeResult {
  return ensureIncludeAfter('\uFEFF', userConfigText, includePath, options);
}

/** UTF-8 text as one character per byte (latin1), the view `ensureIncludeInBytes` works in. */
const byteView = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/**
 * `ensureInclude` on the file's bytes: every byte Slipway does not add stays
 * exactly as it was, even where the file is not valid UTF-8 (a Latin-1
 * comment, say), which decoding it as UTF-8 would turn into U+FFFD. The work
 * is done on a one-character-per-byte view of the file; ssh_config syntax is
 * ASCII, and UTF-8 never puts an ASCII byte inside a multi-byte character.
 */
export function ensureIncludeInBytes(
  content: Uint8Array,
  includePath: string,
  options: IncludeOptions = {},
): { content: Buffer; changed: boolean } {
  const text = Buffer.from(content).toString('latin1');
  const result = ensureIncludeAfter(byteView('\uFEFF'), text, byteView(includePath), {
    ...(options.homeDir !== undefined ? { homeDir: byteView(options.homeDir) } : {}),
  });
  return { content: Buffer.from(result.text, 'latin1'), changed: result.changed };
}

function ensureIncludeAfter(
  byteOrderMark: string,
  userConfigText: string,
  includePath: string,
  options: IncludeOptions,
): IncludeResult {
  const bom = userConfigText.startsWith(byteOrderMark) ? byteOrderMark : '';
  const body = userConfigText.slice(bom.length);
  const wanted = resolveIncludePath(includePath, options.homeDir);
  if (topLevelIncludes(splitLines(body), options.homeDir).has(wanted)) {
    return { text: userConfigText, changed: false };
  }
  // Match the file's own line endings, so a CRLF file stays all-CRLF.
  const eol = /\r\n/.test(body) ? '\r\n' : '\n';
  const added = `${INCLUDE_COMMENT}${eol}${includeLine(includePath)}${eol}`;
  const separator = body === '' ? '' : eol;
  return { text: `${bom}${added}${separator}${body}`, changed: true };
}

/** Takes out what ensureInclude added (the comment, the Include and the blank line after them). */
export function removeInclude(
  userConfigText: string,
  includePath: string,
  options: IncludeOptions = {},
): IncludeResult {
  const wanted = resolveIncludePath(includePath, options.homeDir);
  const lines = splitLines(userConfigText);
  const kept: string[] = [];
  let dropBlank = false;
  for (const line of lines) {
    const bare = line.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
    const parsed = keywordOf(line.replace(/^\uFEFF/, ''));
    const args = parsed?.keyword === 'include' ? splitConfigArgs(parsed.rest) : [];
    const ours =
      bare === INCLUDE_COMMENT ||
      (args.length === 1 && resolveIncludePath(args[0] ?? '', options.homeDir) === wanted);
    if (ours) {
      dropBlank = true;
      if (line.startsWith('\uFEFF')) {
        kept.push('\uFEFF');
      }
      continue;
    }
    if (dropBlank && bare === '') {
      dropBlank = false;
      continue;
    }
    dropBlank = false;
    kept.push(line);
  }
  const text = kept.join('');
  return { text, changed: text !== userConfigText };
}
