import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The file's text, or '' when there is none yet. */
export async function readTextOrEmpty(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return '';
    }
    throw error;
  }
}

/**
 * Writes a whole file at once: a temporary file in the same folder, then a
 * rename, so no reader (ssh, another Slipway) ever sees half a file. The file
 * is created with `mode` (0600 by default: Slipway's files name keys and
 * hosts, or hold a user's environment).
 */
export async function writeFileAtomic(
  file: string,
  text: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`,
  );
  try {
    await fs.writeFile(temporary, text, { mode, flag: 'wx' });
    // writeFile's mode is filtered by the umask; set it exactly.
    await fs.chmod(temporary, mode);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
