/**
 * Apple's TableOutput: every column but the last padded to its widest cell
 * plus two spaces, the last never padded, rows joined by newlines with none
 * at the end (print adds it).
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 2, ' ')))
        .join(''),
    )
    .join('\n');
}
