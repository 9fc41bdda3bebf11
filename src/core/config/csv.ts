/**
 * Docker's `--mount` values are CSV: fields split on commas outside double
 * quotes, `""` a literal quote. Both the metadata merge (to find a mount's
 * target) and the planner (to translate the mount) read them this way.
 */
export function splitCsvFields(text: string): { fields: string[]; unterminated: boolean } {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      if (quoted && text[index + 1] === '"') {
        field += '"';
        index++;
      } else {
        quoted = !quoted;
      }
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return { fields, unterminated: quoted };
}
