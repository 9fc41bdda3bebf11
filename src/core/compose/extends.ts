import * as path from 'node:path';
import { mergeMaps } from './merge';
import {
  cloneNode,
  failAtNode,
  isMap,
  keyWhere,
  scalarText,
  type ComposeNode,
  type MapNode,
} from './tree';

/**
 * `extends` (compose-spec 05-services.md): a service starts from another
 * one, in the same file or another, recursively; the extending service's
 * own values win (the merge rules of multiple files). A cycle is an error
 * naming it. Relative paths of a service taken from a file in another folder
 * are made absolute against that folder, as Compose does.
 */

export type LoadFile = (file: string, from: { where: ComposeNode['where'] }) => Promise<MapNode>;

function isHostPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

function rebase(text: string, folder: string): string {
  return text.startsWith('~') || path.posix.isAbsolute(text)
    ? text
    : path.posix.resolve(folder, text);
}

/** Makes the relative host paths of a service (build context, env files, bind sources) absolute. */
export function rebaseServicePaths(service: MapNode, folder: string): void {
  const build = service.entries.get('build');
  if (isMap(build)) {
    const context = build.entries.get('context');
    const text = scalarText(context);
    if (context?.kind === 'scalar' && text !== undefined && !/^[a-z]+:\/\//i.test(text)) {
      context.value = rebase(text, folder);
    }
  }
  const envFile = service.entries.get('env_file');
  const envFiles = envFile?.kind === 'seq' ? envFile.items : envFile ? [envFile] : [];
  for (const entry of envFiles) {
    const node = entry.kind === 'map' ? entry.entries.get('path') : entry;
    if (node?.kind === 'scalar' && typeof node.value === 'string') {
      node.value = rebase(node.value, folder);
    }
  }
  const volumes = service.entries.get('volumes');
  for (const entry of volumes?.kind === 'seq' ? volumes.items : []) {
    if (entry.kind === 'scalar' && typeof entry.value === 'string') {
      const [source = '', ...rest] = entry.value.split(':');
      if (rest.length > 0 && isHostPath(source)) {
        entry.value = [rebase(source, folder), ...rest].join(':');
      }
    } else if (entry.kind === 'map' && scalarText(entry.entries.get('type')) === 'bind') {
      const source = entry.entries.get('source');
      if (source?.kind === 'scalar' && typeof source.value === 'string') {
        source.value = rebase(source.value, folder);
      }
    }
  }
}

interface Frame {
  file: string;
  root: MapNode;
}

export async function resolveExtends(root: MapNode, file: string, load: LoadFile): Promise<void> {
  const services = root.entries.get('services');
  if (!isMap(services)) {
    return;
  }
  const resolved = new Map<string, MapNode>();
  const resolve = async (frame: Frame, name: string, stack: string[]): Promise<MapNode> => {
    const id = `${frame.file}#${name}`;
    const done = resolved.get(id);
    if (done !== undefined) {
      return done;
    }
    const frameServices = frame.root.entries.get('services');
    const service = isMap(frameServices) ? frameServices.entries.get(name) : undefined;
    if (!isMap(service)) {
      failAtNode(
        frame.root.where,
        ['services', name],
        `the service "${name}" does not exist in ${frame.file}`,
      );
    }
    const extendsNode = service.entries.get('extends');
    if (extendsNode === undefined) {
      return service;
    }
    const extendsWhere = keyWhere(service, 'extends');
    const keyPath = ['services', name, 'extends'];
    const target = extendsNode.kind === 'map' ? extendsNode.entries.get('service') : extendsNode;
    const targetName = scalarText(target);
    if (targetName === undefined) {
      failAtNode(extendsWhere, keyPath, 'needs the name of a service ("service:")');
    }
    const otherFile =
      extendsNode.kind === 'map' ? scalarText(extendsNode.entries.get('file')) : undefined;
    const targetFile =
      otherFile === undefined
        ? frame.file
        : path.posix.resolve(path.posix.dirname(frame.file), otherFile);
    const targetId = `${targetFile}#${targetName}`;
    if (stack.includes(targetId)) {
      const cycle = [...stack.slice(stack.indexOf(targetId)), targetId]
        .map((entry) => entry.split('#')[1])
        .join(' → ');
      failAtNode(extendsWhere, keyPath, `extends makes a cycle: ${cycle}`);
    }
    const targetFrame =
      targetFile === frame.file
        ? frame
        : { file: targetFile, root: await load(targetFile, { where: extendsWhere }) };
    const base = cloneNode(await resolve(targetFrame, targetName, [...stack, targetId]));
    if (path.posix.dirname(targetFile) !== path.posix.dirname(frame.file)) {
      rebaseServicePaths(base, path.posix.dirname(targetFile));
    }
    const own = cloneNode(service);
    own.entries.delete('extends');
    own.keys.delete('extends');
    const merged = mergeMaps(base, own, ['services', name]);
    merged.where = service.where;
    resolved.set(id, merged);
    return merged;
  };
  const frame: Frame = { file, root };
  for (const name of [...services.entries.keys()]) {
    services.entries.set(name, await resolve(frame, name, [`${file}#${name}`]));
  }
}
