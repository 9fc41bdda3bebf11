import type { TextPosition } from '../config/parse';
import { ConfigError } from '../errors';

/**
 * Where a value was written, so that a mistake in it becomes a ConfigError
 * at its file, line and column. Feature values live in two kinds of files:
 * devcontainer.json (`features`, `overrideFeatureInstallOrder`) and a
 * Feature's own devcontainer-feature.json (`dependsOn`, `installsAfter`).
 */

export type JsonPath = ReadonlyArray<string | number>;

/** Where the value at a JSON path starts in a file's text. */
export type Locate = (jsonPath: JsonPath) => TextPosition | undefined;

export interface ValueSite {
  file: string;
  locate?: Locate;
  /** The path of the value in the file. */
  path: JsonPath;
}

/** Something Slipway noticed about a Feature and went on; `feature` is the id as written. */
export interface FeatureWarning {
  feature: string;
  message: string;
}

/** The same file, one level deeper. */
export function siteAt(site: ValueSite, ...more: JsonPath): ValueSite {
  return { ...site, path: [...site.path, ...more] };
}

/**
 * A ConfigError at the value; when the value itself cannot be found (a key
 * the parser merged away, a file without positions), at its nearest parent.
 */
export function errorAt(site: ValueSite, message: string): ConfigError {
  for (let length = site.path.length; length >= 0; length--) {
    const position = site.locate?.(site.path.slice(0, length));
    if (position !== undefined) {
      return new ConfigError(message, site.file, position.line, position.column);
    }
  }
  return new ConfigError(message, site.file);
}
