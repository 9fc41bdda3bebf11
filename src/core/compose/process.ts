import { KEEP_ALIVE_SHELL } from '../plan/keepAlive';
import { ValueProblem } from '../plan/problems';
import { failAtNode, scalarText, type ComposeNode, type KeyPath, type MapNode } from './tree';
import { shellWords } from './values';

/**
 * The process a service runs: Compose's `entrypoint` and `command` (strings
 * split like a shell), and for the dev container's own service the
 * keep-alive wrapper the reference puts around them.
 */

/** The text in /etc/hosts that marks Slipway's managed lines. */
export const HOSTS_MARK = '# slipway-compose';
/** How long the dev container's entrypoint waits for its hosts block before going on. */
export const HOSTS_WAIT_SECONDS = 10;

export function words(node: ComposeNode | undefined, keyPath: KeyPath): string[] | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) {
    return undefined;
  }
  if (node.kind === 'seq') {
    return node.items.map((item, index) => {
      const text = scalarText(item);
      if (text === undefined) {
        failAtNode(item.where, [...keyPath, index], 'expected a string');
      }
      return text;
    });
  }
  const text = scalarText(node);
  if (text === undefined) {
    failAtNode(node.where, keyPath, 'expected a string or a list of strings');
  }
  try {
    return shellWords(text);
  } catch (error) {
    if (error instanceof ValueProblem) {
      failAtNode(node.where, keyPath, error.message);
    }
    throw error;
  }
}

/**
 * The reference's Compose keep-alive (`exec "$@"` then idle), which also
 * waits, bounded, for Slipway's hosts block: /etc/hosts is rewritten at every
 * start, so the mark is there only once this start's peers are written in.
 * Pure shell, so it needs nothing the image may lack.
 */
export function composeKeepAliveScript(entrypoints: readonly string[]): string {
  return [
    'echo "Container started"',
    "trap 'exit 0' TERM INT",
    ...entrypoints,
    `slipway_hosts() { while IFS= read -r l; do case "$l" in *"${HOSTS_MARK}") return 0;; esac; done < /etc/hosts; return 1; }`,
    `n=0; until slipway_hosts || [ "$n" -ge ${HOSTS_WAIT_SECONDS} ]; do sleep 1; n=$((n+1)); done`,
    'exec "$@"',
    'while :; do sleep 86400 & wait $!; done',
  ].join('\n');
}

export interface ServiceProcess {
  /** Apple's `--entrypoint` (one string), or none. */
  entrypoint?: string;
  /** After the image: the process's arguments. */
  args: string[];
}

export function serviceProcess(service: MapNode, name: string): ServiceProcess {
  const entrypoint = words(service.entries.get('entrypoint'), ['services', name, 'entrypoint']);
  const command = words(service.entries.get('command'), ['services', name, 'command']) ?? [];
  if (entrypoint === undefined) {
    return { args: command };
  }
  if (entrypoint.length === 0) {
    // `entrypoint: []` or `""` clears the image's entrypoint.
    return command.length === 0
      ? { entrypoint: '', args: [] }
      : { entrypoint: command[0]!, args: command.slice(1) };
  }
  return { entrypoint: entrypoint[0]!, args: [...entrypoint.slice(1), ...command] };
}

/**
 * The dev container's process: the keep-alive as entrypoint, the service's
 * own entrypoint and command after `-` unless overrideCommand is on. With no
 * Compose entrypoint, the image's own (when known from inspecting it) runs,
 * as the reference does.
 */
export function primaryProcess(
  service: MapNode,
  name: string,
  options: {
    overrideCommand: boolean;
    entrypoints: readonly string[];
    image?: { entrypoint: readonly string[]; cmd: readonly string[] };
  },
): ServiceProcess {
  const script = composeKeepAliveScript(options.entrypoints);
  if (options.overrideCommand) {
    return { entrypoint: KEEP_ALIVE_SHELL, args: ['-c', script, '-'] };
  }
  const composeEntrypoint = words(service.entries.get('entrypoint'), [
    'services',
    name,
    'entrypoint',
  ]);
  const composeCommand = words(service.entries.get('command'), ['services', name, 'command']);
  const userEntrypoint = composeEntrypoint ?? [...(options.image?.entrypoint ?? [])];
  const userCommand =
    composeCommand ?? (composeEntrypoint !== undefined ? [] : [...(options.image?.cmd ?? [])]);
  return {
    entrypoint: KEEP_ALIVE_SHELL,
    args: ['-c', script, '-', ...userEntrypoint, ...userCommand],
  };
}
