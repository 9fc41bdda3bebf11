import { isRecord } from '../config/validate';

/**
 * `customizations.vscode` of every metadata layer (image, Features, config)
 * folded as Dev Containers folds them: extensions are the union in layer
 * order, and a later `-publisher.name` takes one back out; settings are
 * merged, later layers winning key by key.
 */
export interface VscodeCustomizations {
  extensions: string[];
  settings: Record<string, unknown>;
}

export function vscodeCustomizations(
  layers: readonly unknown[] | undefined,
  defaultExtensions: readonly string[] = [],
): VscodeCustomizations {
  const extensions: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    const key = id.toLowerCase();
    if (key.startsWith('-')) {
      const removed = key.slice(1);
      seen.delete(removed);
      const index = extensions.findIndex((e) => e.toLowerCase() === removed);
      if (index !== -1) {
        extensions.splice(index, 1);
      }
    } else if (key !== '' && !seen.has(key)) {
      seen.add(key);
      extensions.push(id);
    }
  };
  // The user's own defaults come first, so a config can still take one out.
  defaultExtensions.forEach(add);
  const settings: Record<string, unknown> = {};
  for (const layer of layers ?? []) {
    if (!isRecord(layer)) {
      continue;
    }
    if (Array.isArray(layer.extensions)) {
      layer.extensions.filter((id): id is string => typeof id === 'string').forEach(add);
    }
    if (isRecord(layer.settings)) {
      Object.assign(settings, layer.settings);
    }
  }
  return { extensions, settings };
}
