/**
 * Evaluates the part of VS Code's when-clause language that package.json
 * uses (`a == b`, `a != b`, `a =~ /re/`, `!a`, `a`, joined by `&&` and `||`),
 * so tests can ask which menu entries a tree item or a state would show.
 * Anything else throws, so a new construct cannot be silently misread.
 */
export function evaluateWhen(clause: string, context: Readonly<Record<string, unknown>>): boolean {
  return clause
    .split('||')
    .some((alternative) => alternative.split('&&').every((term) => evaluateTerm(term, context)));
}

function evaluateTerm(raw: string, context: Readonly<Record<string, unknown>>): boolean {
  const term = raw.trim();
  const regex = /^([\w.]+)\s*=~\s*\/(.*)\/([a-z]*)$/.exec(term);
  if (regex) {
    return new RegExp(regex[2]!, regex[3]).test(String(context[regex[1]!] ?? ''));
  }
  const comparison = /^([\w.]+)\s*(==|!=)\s*([\w.+-]+)$/.exec(term);
  if (comparison) {
    const equal = String(context[comparison[1]!]) === comparison[3];
    return comparison[2] === '==' ? equal : !equal;
  }
  const key = /^(!?)([\w.]+)$/.exec(term);
  if (key) {
    const value = key[2] === 'false' ? false : key[2] === 'true' ? true : context[key[2]!];
    return key[1] === '!' ? !value : Boolean(value);
  }
  throw new Error(`when clause term not understood by the test: ${term}`);
}
