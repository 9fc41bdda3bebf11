import * as os from 'node:os';
import { loadExeca } from './execa';

/**
 * What the Mac has, for Configure Container Resources and Check Setup.
 * macOS version and chip come from `sw_vers` and `sysctl`, asked only on
 * macOS, with a short time limit: they are nice to show, never required.
 */
export interface HostInfo {
  platform: string;
  arch: string;
  cpus: number;
  memoryBytes: number;
  osVersion?: string;
  chip?: string;
}

async function ask(file: string, args: string[]): Promise<string | undefined> {
  try {
    const { execa } = await loadExeca();
    const { stdout } = await execa(file, args, { timeout: 3_000, reject: true });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function readHostInfo(): Promise<HostInfo> {
  const info: HostInfo = {
    platform: process.platform,
    arch: process.arch,
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
  };
  if (process.platform === 'darwin') {
    const [osVersion, chip] = await Promise.all([
      ask('/usr/bin/sw_vers', ['-productVersion']),
      ask('/usr/sbin/sysctl', ['-n', 'machdep.cpu.brand_string']),
    ]);
    if (osVersion !== undefined) {
      info.osVersion = osVersion;
    }
    if (chip !== undefined) {
      info.chip = chip;
    }
  }
  return info;
}
