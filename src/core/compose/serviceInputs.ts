import * as path from 'node:path';
import { failAt } from '../plan/locate';
import { parseMountObject, parseMountString, toAppleMount } from '../plan/mounts';
import { isValueProblem, type PlanWarning } from '../plan/problems';
import type { PlanInput } from '../plan/types';
import type { VersionRequirement } from '../plan/versions';
import type { ComposeProject } from './load';
import { failAtNode, isMap, keyWhere, scalarText, type MapNode } from './tree';
import { parseDuration as parseDurationMs } from './values';

/**
 * The smaller inputs of a service's container: its environment (env_file,
 * then environment), its own labels, the dev container's mounts from
 * devcontainer.json, and its stop timeout.
 */

export function environment(project: ComposeProject, service: MapNode): Array<[string, string]> {
  const env = new Map<string, string>();
  const envFile = service.entries.get('env_file');
  const entries = envFile === undefined ? [] : envFile.kind === 'seq' ? envFile.items : [envFile];
  for (const entry of entries) {
    const file = scalarText(entry.kind === 'map' ? entry.entries.get('path') : entry);
    const vars =
      file === undefined
        ? undefined
        : project.envFiles.get(path.posix.resolve(project.projectDir, file));
    for (const [key, value] of vars ?? []) {
      env.set(key, value);
    }
  }
  const node = service.entries.get('environment');
  if (isMap(node)) {
    for (const [key, value] of node.entries) {
      const text = scalarText(value);
      // `environment: [NAME]` takes the value from the environment, or leaves it unset.
      const resolved = value.kind === 'scalar' && value.value === null ? project.env[key] : text;
      if (resolved !== undefined) {
        env.set(key, resolved);
      }
    }
  }
  return [...env];
}

export function userLabels(service: MapNode): Record<string, string> {
  const node = service.entries.get('labels');
  const labels: Record<string, string> = {};
  if (isMap(node)) {
    for (const [key, value] of node.entries) {
      labels[key] = scalarText(value) ?? '';
    }
  }
  return labels;
}

export function primaryMountArgs(
  input: PlanInput,
  warnings: PlanWarning[],
): { args: string[]; requires: VersionRequirement[] } {
  const args: string[] = [];
  const requires: VersionRequirement[] = [];
  const configMounts = input.config.mounts ?? [];
  input.merged.mounts.forEach((spec) => {
    const index = configMounts.indexOf(spec);
    const jsonPath = index >= 0 ? ['mounts', index] : ['mounts'];
    try {
      const mount = typeof spec === 'string' ? parseMountString(spec) : parseMountObject(spec);
      const apple = toAppleMount(mount, input.facts.pathKind);
      args.push(...apple.args);
      requires.push(...apple.requirements);
      warnings.push(
        ...apple.notes.map((message) => ({
          property: index >= 0 ? `mounts[${index}]` : 'mounts (image metadata)',
          message,
        })),
      );
    } catch (error) {
      if (isValueProblem(error)) {
        failAt(input, jsonPath, error.message);
      }
      throw error;
    }
  });
  return { args, requires };
}

export function stopTimeout(node: MapNode, service: string): { stopTimeoutSeconds?: number } {
  const text = scalarText(node.entries.get('stop_grace_period'));
  if (text === undefined) {
    return {};
  }
  try {
    return { stopTimeoutSeconds: Math.ceil(parseDurationMs(text) / 1000) };
  } catch (error) {
    if (isValueProblem(error)) {
      failAtNode(
        keyWhere(node, 'stop_grace_period'),
        ['services', service, 'stop_grace_period'],
        error.message,
      );
    }
    throw error;
  }
}
