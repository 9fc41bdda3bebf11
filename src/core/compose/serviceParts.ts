import * as path from 'node:path';
import { toAppleMount, type Mount, type PathKind } from '../plan/mounts';
import { translatePublish } from '../plan/ports';
import type { PlanWarning } from '../plan/problems';
import type { VersionRequirement } from '../plan/versions';
import { anonymousVolumeName } from './names';
import {
  failAtNode,
  formatKeyPath,
  isMap,
  scalarText,
  type ComposeNode,
  type KeyPath,
  type MapNode,
  type Where,
} from './tree';
import { isTrue } from './values';

/**
 * The parts of a service that become mounts and published ports. Errors
 * point at the entry in the Compose file; notes become warnings there.
 */

export interface PartsContext {
  project: string;
  service: string;
  projectDir: string;
  home?: string;
  /** Declared volumes: Compose name → Apple name. */
  volumes: ReadonlyMap<string, string>;
  pathKind(hostPath: string): PathKind | undefined;
  warnings: PlanWarning[];
}

export interface NamedVolumeUse {
  volume: string;
  readonly: boolean;
  where: Where;
}

export interface MountParts {
  args: string[];
  requirements: VersionRequirement[];
  named: NamedVolumeUse[];
  /** Deterministic names of the anonymous volumes, created with the project's. */
  anonymous: string[];
}

function warnAt(context: PartsContext, where: Where, keyPath: KeyPath, message: string): void {
  context.warnings.push({
    property: `${where.file}:${where.line}:${where.column}`,
    message: `${formatKeyPath(keyPath)}: ${message}`,
  });
}

function hostPath(context: PartsContext, source: string): string {
  if (source === '~' || source.startsWith('~/')) {
    return path.posix.join(context.home ?? '~', source.slice(1));
  }
  return path.posix.resolve(context.projectDir, source);
}

function isPathSource(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

const SILENT_MODES = new Set(['rw', 'cached', 'delegated', 'consistent', 'z', 'Z', 'nocopy']);

function shortVolume(text: string): {
  type: 'bind' | 'volume';
  source?: string;
  target: string;
  readonly: boolean;
  dropped: string[];
} {
  const parts = text.split(':');
  if (parts.length === 1) {
    return { type: 'volume', target: text, readonly: false, dropped: [] };
  }
  const [source = '', target = '', mode = ''] = parts;
  const options = mode.split(',').filter((o) => o !== '');
  return {
    type: isPathSource(source) ? 'bind' : 'volume',
    source,
    target,
    readonly: options.includes('ro'),
    dropped: options.filter((o) => o !== 'ro' && !SILENT_MODES.has(o)),
  };
}

function longVolume(
  node: MapNode,
  keyPath: KeyPath,
): { type: string; source?: string; target: string; readonly: boolean; dropped: string[] } {
  const type = scalarText(node.entries.get('type')) ?? 'volume';
  const target = scalarText(node.entries.get('target'));
  if (target === undefined) {
    failAtNode(node.where, keyPath, 'a volume needs a "target"');
  }
  const readOnly = node.entries.get('read_only');
  const dropped = ['consistency', 'bind', 'volume', 'tmpfs'].filter((key) => {
    if (!node.entries.has(key) || key === 'consistency') {
      return false;
    }
    const sub = node.entries.get(key);
    // `bind.create_host_path` and `volume.nocopy` need no flag; anything else is a real option.
    return (
      isMap(sub) &&
      [...sub.entries.keys()].some((k) => !['create_host_path', 'nocopy', 'selinux'].includes(k))
    );
  });
  return {
    type,
    source: scalarText(node.entries.get('source')),
    target,
    readonly: isTrue(readOnly?.kind === 'scalar' ? readOnly.value : null),
    dropped,
  };
}

export function serviceMounts(context: PartsContext, service: MapNode): MountParts {
  const out: MountParts = { args: [], requirements: [], named: [], anonymous: [] };
  const volumes = service.entries.get('volumes');
  const items = volumes?.kind === 'seq' ? volumes.items : [];
  items.forEach((item, index) => {
    const keyPath = ['services', context.service, 'volumes', index];
    const text = scalarText(item);
    const spec = isMap(item)
      ? longVolume(item, keyPath)
      : text !== undefined
        ? shortVolume(text)
        : failAtNode(item.where, keyPath, 'expected a volume string or mapping');
    let mount: Mount;
    if (spec.type === 'bind') {
      mount = {
        type: 'bind',
        source: hostPath(context, spec.source ?? ''),
        target: spec.target,
        readonly: spec.readonly,
        dropped: spec.dropped,
      };
    } else if (spec.type === 'tmpfs') {
      mount = {
        type: 'tmpfs',
        target: spec.target,
        readonly: spec.readonly,
        dropped: spec.dropped,
      };
    } else if (spec.type === 'volume') {
      if (spec.source === undefined || spec.source === '') {
        const name = anonymousVolumeName(context.project, context.service, spec.target);
        out.anonymous.push(name);
        mount = {
          type: 'volume',
          source: name,
          target: spec.target,
          readonly: spec.readonly,
          dropped: spec.dropped,
        };
      } else {
        const name = context.volumes.get(spec.source);
        if (name === undefined) {
          failAtNode(
            item.where,
            keyPath,
            `the volume "${spec.source}" is not declared under the top-level "volumes:"`,
          );
        }
        out.named.push({ volume: spec.source, readonly: spec.readonly, where: item.where });
        mount = {
          type: 'volume',
          source: name,
          target: spec.target,
          readonly: spec.readonly,
          dropped: spec.dropped,
        };
      }
    } else {
      failAtNode(
        item.where,
        keyPath,
        `Apple container has no "${spec.type}" mounts (bind, volume and tmpfs are)`,
      );
    }
    const apple = (() => {
      try {
        return toAppleMount(mount, context.pathKind);
      } catch (error) {
        if (error instanceof Error && error.name === 'SlipwayValueProblem') {
          failAtNode(item.where, keyPath, error.message);
        }
        throw error;
      }
    })();
    out.args.push(...apple.args);
    out.requirements.push(...apple.requirements);
    for (const note of apple.notes) {
      warnAt(context, item.where, keyPath, note);
    }
  });
  const tmpfs = service.entries.get('tmpfs');
  const tmpfsItems: ComposeNode[] =
    tmpfs === undefined ? [] : tmpfs.kind === 'seq' ? tmpfs.items : [tmpfs];
  tmpfsItems.forEach((item, index) => {
    const text = scalarText(item) ?? '';
    const [target = '', options] = text.split(':');
    if (options !== undefined) {
      warnAt(
        context,
        item.where,
        ['services', context.service, 'tmpfs', index],
        `Apple's --tmpfs takes no options; "${options}" is left out.`,
      );
    }
    out.args.push('--tmpfs', target);
  });
  return out;
}

export interface PortParts {
  /** Values for Apple's `-p`. */
  published: string[];
  /** Container ports the service listens on, published or not (for `network_mode: service:`). */
  containerPorts: string[];
}

function containerOnly(context: PartsContext, where: Where, keyPath: KeyPath, port: string): void {
  warnAt(
    context,
    where,
    keyPath,
    `"${port}" has no host port, and Apple container cannot pick one: it is not published (reach it on the container's IP, or through forwardPorts).`,
  );
}

export function servicePorts(context: PartsContext, service: MapNode): PortParts {
  const out: PortParts = { published: [], containerPorts: [] };
  const ports = service.entries.get('ports');
  const items = ports?.kind === 'seq' ? ports.items : [];
  items.forEach((item, index) => {
    const keyPath = ['services', context.service, 'ports', index];
    let spec: string;
    if (isMap(item)) {
      const target = scalarText(item.entries.get('target'));
      if (target === undefined) {
        failAtNode(item.where, keyPath, 'a port needs a "target"');
      }
      const protocol = scalarText(item.entries.get('protocol'));
      const suffix = protocol === undefined ? '' : `/${protocol}`;
      out.containerPorts.push(`${target}${suffix}`);
      const published = scalarText(item.entries.get('published'));
      if (published === undefined) {
        containerOnly(context, item.where, keyPath, `${target}${suffix}`);
        return;
      }
      const hostIp = scalarText(item.entries.get('host_ip'));
      spec = `${hostIp === undefined ? '' : hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`}${published}:${target}${suffix}`;
    } else {
      spec = scalarText(item) ?? '';
      const [body = '', protocol] = spec.split('/');
      const last = body.split(':').at(-1) ?? body;
      out.containerPorts.push(protocol === undefined ? last : `${last}/${protocol}`);
      if (!body.includes(':')) {
        containerOnly(context, item.where, keyPath, spec);
        return;
      }
    }
    try {
      const result = translatePublish(spec);
      out.published.push(result.spec);
      if (result.note !== undefined) {
        warnAt(context, item.where, keyPath, result.note);
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'SlipwayValueProblem') {
        failAtNode(item.where, keyPath, error.message);
      }
      throw error;
    }
  });
  const expose = service.entries.get('expose');
  for (const item of expose?.kind === 'seq' ? expose.items : []) {
    out.containerPorts.push(scalarText(item) ?? '');
  }
  return out;
}

/** Refused before anything is created: Apple cannot attach one volume read-write to two running containers. */
export function checkSharedVolumes(
  uses: ReadonlyArray<NamedVolumeUse & { service: string }>,
): void {
  const byVolume = new Map<string, Array<NamedVolumeUse & { service: string }>>();
  for (const use of uses) {
    byVolume.set(use.volume, [...(byVolume.get(use.volume) ?? []), use]);
  }
  for (const [volume, list] of byVolume) {
    const services = new Set(list.map((use) => use.service));
    if (services.size > 1 && list.some((use) => !use.readonly)) {
      const second = list.find((use) => use.service !== list[0]!.service)!;
      failAtNode(
        second.where,
        ['services', second.service, 'volumes'],
        `the volume "${volume}" is also mounted by ${list[0]!.service}, and Apple container cannot attach a volume to two running containers unless every mount is read-only (":ro"). Give each service its own volume, or mount it read-only.`,
      );
    }
  }
}
