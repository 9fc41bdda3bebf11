import { LIFECYCLE_HOOKS } from '../config/types';

/**
 * Words and colours for the phases the engine times (`Timings` in
 * src/core/engine) and the editor adds (`connect`). One table, so the status
 * bar spinner, its tooltip and the timeline never disagree about a phase.
 */

export interface PhaseTiming {
  phase: string;
  ms: number;
  /** The phase the start failed in, or a hook after `waitFor` that failed. */
  failed?: boolean;
  /** A hook after `waitFor`: it ran after the container was ready, outside the total. */
  background?: boolean;
}

/** Which part of the machine a phase spends its time in; the timeline colours by it. */
export type PhaseGroup = 'host' | 'container' | 'vm' | 'hook' | 'connect';

interface PhaseWords {
  /** Past or neutral, for tooltips and the timeline. */
  label: string;
  /** Present tense, for the spinner. */
  busy: string;
  group: PhaseGroup;
}

/** Phases named `feature:<id>`, one per Dev Container Feature installed. */
const FEATURE_PREFIX = 'feature:';

/**
 * A Compose project's per-service phases (`<kind>:<service>`, timed by the
 * engine's composeUp): each start, one-shot run and health wait of a service.
 */
const SERVICE_PHASES: ReadonlyMap<string, (service: string) => PhaseWords> = new Map([
  [
    'service',
    (service: string): PhaseWords => ({
      label: `Start ${service}`,
      busy: `Starting ${service}`,
      group: 'vm',
    }),
  ],
  [
    'run',
    (service: string): PhaseWords => ({
      label: `Run ${service} to completion`,
      busy: `Running ${service} to completion`,
      group: 'container',
    }),
  ],
  [
    'health',
    (service: string): PhaseWords => ({
      label: `Wait for ${service} to be healthy`,
      busy: `Waiting for ${service} to be healthy`,
      group: 'container',
    }),
  ],
]);

function hookWords(hook: string): PhaseWords {
  // initializeCommand runs on this Mac before any container exists.
  return {
    label: hook,
    busy: `Running ${hook}`,
    group: hook === 'initializeCommand' ? 'host' : 'hook',
  };
}

// A Map rather than an object literal: phase ids arrive as strings, and
// 'constructor' must not find Object.prototype's.
const PHASES: ReadonlyMap<string, PhaseWords> = new Map<string, PhaseWords>([
  ['plan', { label: 'Read config', busy: 'Reading config', group: 'host' }],
  ['find', { label: 'Find container', busy: 'Finding container', group: 'host' }],
  ['remove', { label: 'Remove old container', busy: 'Removing old container', group: 'container' }],
  ['start', { label: 'Start VM', busy: 'Starting VM', group: 'vm' }],
  ['version', { label: 'Check container version', busy: 'Checking container', group: 'host' }],
  ['build', { label: 'Build image', busy: 'Building image', group: 'container' }],
  [
    'features',
    { label: 'Build with Features', busy: 'Building the Features image', group: 'container' },
  ],
  ['image', { label: 'Pull and inspect image', busy: 'Reading the image', group: 'container' }],
  ['create', { label: 'Create container', busy: 'Creating container', group: 'container' }],
  ['boot', { label: 'Boot VM', busy: 'Booting VM', group: 'vm' }],
  ['setup', { label: 'Set up user', busy: 'Setting up user', group: 'hook' }],
  [
    'resources',
    {
      label: 'Create networks and volumes',
      busy: 'Creating networks and volumes',
      group: 'container',
    },
  ],
  [
    'hosts',
    { label: 'Write /etc/hosts blocks', busy: 'Writing /etc/hosts blocks', group: 'container' },
  ],
  ['connect', { label: 'Connect window', busy: 'Connecting', group: 'connect' }],
  ...LIFECYCLE_HOOKS.map((hook): [string, PhaseWords] => [hook, hookWords(hook)]),
]);

function wordsFor(phase: string): PhaseWords {
  const known = PHASES.get(phase);
  if (known !== undefined) {
    return known;
  }
  if (phase.startsWith(FEATURE_PREFIX)) {
    const id = phase.slice(FEATURE_PREFIX.length);
    return { label: `Feature ${id}`, busy: `Installing Feature ${id}`, group: 'hook' };
  }
  const colon = phase.indexOf(':');
  const service = colon > 0 ? SERVICE_PHASES.get(phase.slice(0, colon)) : undefined;
  if (service !== undefined) {
    return service(phase.slice(colon + 1));
  }
  // A phase this table does not know yet (a newer engine) still reads as something.
  return { label: phase, busy: phase, group: 'host' };
}

export function phaseLabel(phase: string): string {
  return wordsFor(phase).label;
}

export function busyText(phase: string): string {
  return wordsFor(phase).busy;
}

export function phaseGroup(phase: string): PhaseGroup {
  return wordsFor(phase).group;
}
