/** A container's `K=V` environment list as a record (the first `=` splits). */
export function envRecord(environment: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of environment) {
    const equals = entry.indexOf('=');
    if (equals > 0) {
      record[entry.slice(0, equals)] = entry.slice(equals + 1);
    }
  }
  return record;
}
