import * as path from 'node:path';
import { ConfigError } from '../errors';
import type { HostEnvironment, HostFileSystem } from '../host';
import type { PlanWarning } from '../plan/problems';
import type { Position } from '../plan/types';
import { EnvFileProblem, parseEnvFile } from './dotenv';
import { resolveExtends } from './extends';
import { mergeMaps } from './merge';
import { normalizeFile } from './normalize';
import { parseComposeFile } from './parseFile';
import {
  emptyMap,
  failAtNode,
  isMap,
  scalarText,
  type ComposeNode,
  type MapNode,
  type Where,
} from './tree';

/**
 * Loads a Compose project the way `docker compose --profile '*' config`
 * would: the files of `dockerComposeFile` (relative to devcontainer.json),
 * the project directory's `.env` with the host environment winning,
 * interpolation per file, `extends`, then the files merged in order. Reads
 * go through HostFileSystem; nothing else here touches the machine.
 */

export interface ComposeLoadRequest {
  /** The devcontainer.json, for errors about its own `dockerComposeFile` entries. */
  configFile: string;
  workspaceFolder: string;
  dockerComposeFile: string | readonly string[];
  /** Where `dockerComposeFile` (or its n-th entry) is in devcontainer.json. */
  locate(jsonPath: ReadonlyArray<string | number>): Position | undefined;
  env: HostEnvironment;
}

export interface ComposeProject {
  /** The Compose files, absolute, in merge order. */
  files: string[];
  /** The folder of the first file: relative paths and `.env` are resolved there. */
  projectDir: string;
  /** The host environment alone (the reference reads COMPOSE_PROJECT_NAME from it first). */
  hostEnv: HostEnvironment;
  /** What interpolation and `environment: [NAME]` see: `.env`, overridden by the host. */
  env: Readonly<Record<string, string>>;
  /** `COMPOSE_PROJECT_NAME` from `<workspace>/.env`, which the reference CLI reads itself. */
  workspaceEnvProjectName?: string;
  /** Whether any file declares a top-level `name:` (before interpolation). */
  declaresName: boolean;
  /** The merged model, `extends` resolved. */
  model: MapNode;
  /** Parsed `env_file`s by absolute path; `undefined` when the file does not exist. */
  envFiles: ReadonlyMap<string, ReadonlyMap<string, string> | undefined>;
  warnings: PlanWarning[];
}

function configError(
  request: ComposeLoadRequest,
  jsonPath: Array<string | number>,
  message: string,
): never {
  const position = request.locate(jsonPath) ?? request.locate(['dockerComposeFile']);
  throw new ConfigError(message, request.configFile, position?.line, position?.column);
}

function envLookup(env: Readonly<Record<string, string | undefined>>) {
  return (name: string) => env[name];
}

/** An env file, parsed; `undefined` when it does not exist. Mistakes point into the file itself. */
async function readEnvFile(
  fs: HostFileSystem,
  file: string,
  lookup: (name: string) => string | undefined,
): Promise<Map<string, string> | undefined> {
  const text = await fs.readTextFile(file);
  if (text === undefined) {
    return undefined;
  }
  try {
    return parseEnvFile(text, lookup);
  } catch (error) {
    if (error instanceof EnvFileProblem) {
      throw new ConfigError(error.message, file, error.line, error.column);
    }
    throw error;
  }
}

function envFileEntries(
  service: MapNode,
): Array<{ file: string; required: boolean; where: Where; index?: number }> {
  const node = service.entries.get('env_file');
  const items: ComposeNode[] = node === undefined ? [] : node.kind === 'seq' ? node.items : [node];
  return items.flatMap((item, index) => {
    const pathNode = item.kind === 'map' ? item.entries.get('path') : item;
    const file = scalarText(pathNode);
    if (file === undefined) {
      return [];
    }
    const required =
      item.kind === 'map' ? scalarText(item.entries.get('required')) !== 'false' : true;
    return [{ file, required, where: item.where, ...(node?.kind === 'seq' ? { index } : {}) }];
  });
}

export async function loadComposeProject(
  fs: HostFileSystem,
  request: ComposeLoadRequest,
): Promise<ComposeProject> {
  const listed = [request.dockerComposeFile].flat();
  const isList = Array.isArray(request.dockerComposeFile);
  if (listed.length === 0) {
    configError(
      request,
      ['dockerComposeFile'],
      'dockerComposeFile is empty: name at least one Compose file.',
    );
  }
  const configFolder = path.posix.dirname(request.configFile);
  const files = listed.map((file) => path.posix.resolve(configFolder, file));
  const projectDir = path.posix.dirname(files[0]!);
  const warnings: PlanWarning[] = [];

  const dotEnv =
    (await readEnvFile(fs, path.posix.join(projectDir, '.env'), envLookup(request.env))) ??
    new Map();
  const env: Record<string, string> = Object.fromEntries(dotEnv);
  for (const [name, value] of Object.entries(request.env)) {
    if (value !== undefined) {
      env[name] = value;
    }
  }
  const lookup = envLookup(env);
  const workspaceEnv = await fs.readTextFile(path.posix.join(request.workspaceFolder, '.env'));
  const workspaceEnvProjectName =
    workspaceEnv === undefined
      ? undefined
      : /^COMPOSE_PROJECT_NAME=(.+)$/m.exec(workspaceEnv)?.[1]?.trim();

  const parsed = new Map<string, MapNode>();
  const parseFile = async (file: string, missing: () => never): Promise<MapNode> => {
    const cached = parsed.get(file);
    if (cached !== undefined) {
      return cached;
    }
    const text = await fs.readTextFile(file);
    if (text === undefined) {
      missing();
    }
    const root = parseComposeFile(text, file, lookup, warnings);
    normalizeFile(root);
    parsed.set(file, root);
    return root;
  };

  let declaresName = false;
  let model = emptyMap({ file: files[0]!, line: 1, column: 1 });
  for (const [index, file] of files.entries()) {
    const root = await parseFile(file, () =>
      configError(
        request,
        isList ? ['dockerComposeFile', index] : ['dockerComposeFile'],
        `The Compose file ${file} does not exist.`,
      ),
    );
    await resolveExtends(root, file, (other, from) =>
      parseFile(other, () =>
        failAtNode(from.where, [], `the file ${other} named by extends does not exist`),
      ),
    );
    const name = root.entries.get('name');
    declaresName ||= name !== undefined && scalarText(name) !== undefined;
    model = mergeMaps(model, root, []);
  }

  const envFiles = new Map<string, Map<string, string> | undefined>();
  const services = model.entries.get('services');
  for (const [name, service] of isMap(services) ? services.entries : []) {
    if (!isMap(service)) {
      continue;
    }
    for (const entry of envFileEntries(service)) {
      const file = path.posix.resolve(projectDir, entry.file);
      if (!envFiles.has(file)) {
        envFiles.set(file, await readEnvFile(fs, file, lookup));
      }
      if (envFiles.get(file) === undefined && entry.required) {
        failAtNode(
          entry.where,
          ['services', name, 'env_file', ...(entry.index !== undefined ? [entry.index] : [])],
          `the env file ${file} does not exist (mark it "required: false" if it is optional)`,
        );
      }
    }
  }
  return {
    files,
    projectDir,
    hostEnv: request.env,
    env,
    ...(workspaceEnvProjectName !== undefined ? { workspaceEnvProjectName } : {}),
    declaresName,
    model,
    envFiles,
    warnings,
  };
}
