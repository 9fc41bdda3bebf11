/**
 * Small text parsers shared by the value checks: Swift's `split` semantics,
 * IPv4/IPv6 address syntax, and absolute paths.
 */

/**
 * Swift's `split(separator:maxSplits:)`, which Apple uses throughout: empty
 * pieces are dropped, and at most `maxSplits` splits are made.
 */
export function swiftSplit(text: string, separator: string, maxSplits = Infinity): string[] {
  const pieces: string[] = [];
  let rest = text;
  let splits = 0;
  while (splits < maxSplits) {
    const at = rest.indexOf(separator);
    if (at < 0) {
      break;
    }
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
    splits++;
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece !== '');
}

export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

export function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) {
    return false;
  }
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const last = groups[groups.length - 1];
  // An embedded IPv4 address (::ffff:1.2.3.4) counts as two groups.
  const ipv4Tail = last !== undefined && last.includes('.');
  if (ipv4Tail && !isIPv4(last)) {
    return false;
  }
  const hexGroups = ipv4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) {
    return false;
  }
  const width = hexGroups.length + (ipv4Tail ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}
