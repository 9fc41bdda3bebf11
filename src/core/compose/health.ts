import { ValueProblem } from '../plan/problems';
import type { HealthProbe } from './types';
import { failAtNode, isMap, keyWhere, scalarText, type MapNode } from './tree';
import { isTrue, parseDuration } from './values';
import { words } from './process';

/**
 * A service's `healthcheck`, as the engine will run it through `container
 * exec` (Apple has no health checks of its own), with the defaults Docker
 * gives a HEALTHCHECK: interval 30 s, timeout 30 s, 3 retries, no start
 * period, 5 s between probes during it.
 */

export const HEALTH_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
} as const;

/** `undefined` when there is no healthcheck, or it is disabled. */
export function healthProbe(
  service: MapNode,
  name: string,
  containerName: string,
): HealthProbe | undefined {
  const node = service.entries.get('healthcheck');
  if (!isMap(node)) {
    return undefined;
  }
  const keyPath = ['services', name, 'healthcheck'];
  const disable = node.entries.get('disable');
  if (isTrue(disable?.kind === 'scalar' ? disable.value : null)) {
    return undefined;
  }
  const testNode = node.entries.get('test');
  let test: string[] | undefined;
  if (testNode?.kind === 'seq') {
    const items = words(testNode, [...keyPath, 'test']) ?? [];
    const [kind, ...rest] = items;
    if (kind === 'NONE') {
      return undefined;
    }
    if (kind === 'CMD') {
      test = rest;
    } else if (kind === 'CMD-SHELL') {
      test = ['/bin/sh', '-c', rest.join(' ')];
    } else {
      failAtNode(
        testNode.where,
        [...keyPath, 'test'],
        'a list test starts with "CMD", "CMD-SHELL" or "NONE"',
      );
    }
  } else if (testNode !== undefined) {
    const text = scalarText(testNode);
    test = text === undefined ? undefined : ['/bin/sh', '-c', text];
  }
  if (test === undefined || test.length === 0) {
    return undefined;
  }
  const duration = (key: string, fallback: number): number => {
    const text = scalarText(node.entries.get(key));
    if (text === undefined) {
      return fallback;
    }
    try {
      return parseDuration(text);
    } catch (error) {
      if (error instanceof ValueProblem) {
        failAtNode(keyWhere(node, key), [...keyPath, key], error.message);
      }
      throw error;
    }
  };
  const retriesText = scalarText(node.entries.get('retries'));
  const retries = retriesText === undefined ? HEALTH_DEFAULTS.retries : Number(retriesText);
  if (!Number.isInteger(retries) || retries < 1) {
    failAtNode(
      keyWhere(node, 'retries'),
      [...keyPath, 'retries'],
      'retries must be a whole number, at least 1',
    );
  }
  return {
    argv: ['container', 'exec', containerName, ...test],
    intervalMs: duration('interval', HEALTH_DEFAULTS.intervalMs),
    timeoutMs: duration('timeout', HEALTH_DEFAULTS.timeoutMs),
    retries,
    startPeriodMs: duration('start_period', HEALTH_DEFAULTS.startPeriodMs),
    startIntervalMs: duration('start_interval', HEALTH_DEFAULTS.startIntervalMs),
  };
}
