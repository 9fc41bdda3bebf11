import { cpSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The conformance corpus in ../shared/corpus: real devcontainer.json files
 * written by others. Each case is a workspace folder and a config in it.
 */

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

export interface CorpusCase {
  /** Path of the config relative to the corpus, for test titles. */
  name: string;
  workspaceFolder: string;
  configFile: string;
}

const CONFIG_NAMES = new Set(['devcontainer.json', '.devcontainer.json']);

function walk(folder: string, found: string[]): void {
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) {
      walk(full, found);
    } else if (CONFIG_NAMES.has(entry)) {
      found.push(full);
    }
  }
}

/** The folder a config belongs to: the one holding `.devcontainer/` or `.devcontainer.json`. */
function workspaceOf(configFile: string): string {
  const parts = configFile.split(path.sep);
  const index = parts.lastIndexOf('.devcontainer');
  if (index > 0) {
    return parts.slice(0, index).join(path.sep);
  }
  return path.dirname(configFile);
}

export function corpusCases(): CorpusCase[] {
  const found: string[] = [];
  walk(CORPUS, found);
  return found.sort().map((configFile) => ({
    name: path.relative(CORPUS, configFile),
    workspaceFolder: workspaceOf(configFile),
    configFile,
  }));
}

/**
 * A temporary copy of a case's workspace. The corpus kept only the JSON: a
 * Dockerfile a config names but the corpus left out is written here as a
 * minimal stand-in (`FROM` a Debian image), and reported back.
 */
export function copyCase(
  corpusCase: CorpusCase,
  dockerfile?: string,
): { workspaceFolder: string; configFile: string; wroteDockerfile?: string } {
  const copy = mkdtempSync(path.join(tmpdir(), 'slipway-corpus-'));
  cpSync(corpusCase.workspaceFolder, copy, { recursive: true });
  const configFile = path.join(
    copy,
    path.relative(corpusCase.workspaceFolder, corpusCase.configFile),
  );
  let wroteDockerfile: string | undefined;
  if (dockerfile !== undefined) {
    const target = path.resolve(path.dirname(configFile), dockerfile);
    if (!existsSync(target)) {
      writeFileSync(target, 'FROM docker.io/library/debian:bookworm\n');
      wroteDockerfile = target;
    }
  }
  return { workspaceFolder: copy, configFile, wroteDockerfile };
}
