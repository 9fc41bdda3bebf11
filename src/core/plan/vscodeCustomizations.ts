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

/** The ports of `forwardPorts` a window on this machine can reach: numbers and `localhost:<port>`. */
export function localForwardPorts(forwardPorts: ReadonlyArray<number | string>): number[] {
  const ports = new Set<number>();
  for (const entry of forwardPorts) {
    const local =
      typeof entry === 'string' ? /^(?:localhost|127\.0\.0\.1):(\d+)$/.exec(entry.trim()) : null;
    const port = typeof entry === 'number' ? entry : local ? Number(local[1]) : undefined;
    if (port !== undefined && Number.isInteger(port) && port > 0 && port < 65536) {
      ports.add(port);
    }
  }
  return [...ports];
}
