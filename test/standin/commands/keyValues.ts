/** Small pieces of Apple's client code that the network and volume commands share. */

/** Utility.parseKeyValuePairs: split at the first `=`; a bare key gets an empty value. */
export function keyValuePairs(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && at < pair.length - 1) {
      result[pair.slice(0, at)] = pair.slice(at + 1);
    } else {
      result[pair] = '';
    }
  }
  return result;
}

/** Swift's description of a [String] or Set<String>: `["a", "b"]`. */
export function swiftArray(items: readonly string[]): string {
  return `[${items.map((item) => `"${item}"`).join(', ')}]`;
}
