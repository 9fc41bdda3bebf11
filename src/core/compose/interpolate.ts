/**
 * Compose's variable interpolation (compose-spec 12-interpolation.md):
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `${VAR:+replacement}`, `${VAR+replacement}`, `$$` for a
 * literal `$`, and nesting inside defaults (`${A:-${B:-x}}`). An unset
 * variable without a default becomes the empty string with a warning.
 */

export type Lookup = (name: string) => string | undefined;

export class InterpolationProblem extends Error {
  override readonly name = 'SlipwayInterpolationProblem';
}

export interface Interpolated {
  value: string;
  /** Variables that were unset and had no default. */
  unset: string[];
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** The index just past the `}` that closes the `${` at `open`, counting nested `${`. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '$' && text[index + 1] === '$') {
      index++;
    } else if (text[index] === '$' && text[index + 1] === '{') {
      depth++;
      index++;
    } else if (text[index] === '}') {
      depth--;
      if (depth === 0) {
        return index + 1;
      }
    }
  }
  throw new InterpolationProblem(
    `invalid interpolation format for "${text}": a "\${" is not closed`,
  );
}

function braced(body: string, lookup: Lookup, unset: string[], whole: string): string {
  const match = NAME.exec(body);
  if (!match) {
    throw new InterpolationProblem(
      `invalid interpolation format for "${whole}": "\${${body}}" does not start with a variable name`,
    );
  }
  const name = match[0];
  const rest = body.slice(name.length);
  const value = lookup(name);
  if (rest === '') {
    if (value === undefined) {
      unset.push(name);
      return '';
    }
    return value;
  }
  const nested = (text: string) => expand(text, lookup, unset);
  const operator = rest.startsWith(':') ? rest.slice(0, 2) : rest.slice(0, 1);
  const argument = rest.slice(operator.length);
  const empty = value === undefined || value === '';
  switch (operator) {
    case ':-':
      return empty ? nested(argument) : value;
    case '-':
      return value === undefined ? nested(argument) : value;
    case ':?':
    case '?':
      if (operator === ':?' ? empty : value === undefined) {
        const reason = nested(argument);
        throw new InterpolationProblem(
          `required variable ${name} is ${value === undefined ? 'missing' : 'empty'}${reason !== '' ? `: ${reason}` : ''}`,
        );
      }
      return value ?? '';
    case ':+':
      return empty ? '' : nested(argument);
    case '+':
      return value === undefined ? '' : nested(argument);
    default:
      throw new InterpolationProblem(
        `invalid interpolation format for "${whole}": unknown operator in "\${${body}}"`,
      );
  }
}

function expand(text: string, lookup: Lookup, unset: string[]): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar < 0) {
      out += text.slice(index);
      break;
    }
    out += text.slice(index, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      index = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(text, dollar);
      out += braced(text.slice(dollar + 2, end - 1), lookup, unset, text);
      index = end;
    } else {
      const match = NAME.exec(text.slice(dollar + 1));
      if (match === null) {
        // A `$` before anything but a name stays as written, as in Compose.
        out += '$';
        index = dollar + 1;
        continue;
      }
      const value = lookup(match[0]);
      if (value === undefined) {
        unset.push(match[0]);
      }
      out += value ?? '';
      index = dollar + 1 + match[0].length;
    }
  }
  return out;
}

export function interpolate(text: string, lookup: Lookup): Interpolated {
  const unset: string[] = [];
  const value = text.includes('$') ? expand(text, lookup, unset) : text;
  return { value, unset };
}
