import { BENCH_PREFIX, type RuntimeArgv } from './runtimes';

/**
 * The lifecycle suite people use to compare Apple `container` with Docker,
 * as plans of commands: what a step sets up, what it times, what it undoes.
 * Timed phases run one after the other; the commands inside a phase run at
 * the same time (five containers started in parallel).
 */

export interface BenchCommand {
  argv: string[];
  /** The container this command creates, so clean-up can remove it whatever happens. */
  creates?: string;
}

export interface StepPlan {
  before: BenchCommand[];
  timed: BenchCommand[][];
  after: BenchCommand[];
}

export interface SuiteContext {
  argv: RuntimeArgv;
  image: string;
  /** A host folder for the bind-mount step; the suite mounts it at BIND_PATH. */
  bindDir: string;
  /** Distinguishes the runtimes' names when both run side by side. */
  tag: string;
}

export interface BenchStep {
  id: string;
  label: string;
  plan: (context: SuiteContext, run: number) => StepPlan;
}

export const FILE_COUNT = 1000;
const BIND_PATH = '/slipway-bench-bind';
const VOLUME_PATH = '/slipway-bench-volume';
const ROOTFS_PATH = '/tmp/slipway-bench-rootfs';
const PARALLEL = 5;

export const benchName = (context: SuiteContext, part: string): string =>
  `${BENCH_PREFIX}-${context.tag}-${part}`;
export const workName = (context: SuiteContext): string => benchName(context, 'work');
export const warmName = (context: SuiteContext): string => benchName(context, 'warm');
export const volumeName = (context: SuiteContext): string => benchName(context, 'volume');

/** A POSIX `sh` loop (busybox has no seq): the folder comes in as $1, never spliced into the script. */
const CREATE_FILES = `mkdir -p "$1" && cd "$1" && i=0; while [ $i -lt ${FILE_COUNT} ]; do echo x > f$i; i=$((i+1)); done`;

const SLEEP = ['sleep', '3600'];

function filesStep(id: string, label: string, folder: string): BenchStep {
  return {
    id,
    label,
    plan: (context) => ({
      before: [],
      timed: [
        [{ argv: context.argv.exec(workName(context), ['sh', '-c', CREATE_FILES, 'sh', folder]) }],
      ],
      after: [{ argv: context.argv.exec(workName(context), ['rm', '-rf', folder]) }],
    }),
  };
}

export const STEPS: readonly BenchStep[] = [
  {
    id: 'pull',
    label: 'Pull the image',
    plan: (context) => ({
      before: [],
      timed: [[{ argv: context.argv.pull(context.image) }]],
      after: [],
    }),
  },
  {
    id: 'coldStart',
    label: 'Cold start (new container)',
    plan: (context, run) => {
      const name = benchName(context, `cold-${run}`);
      const options = { name, image: context.image, detach: true, command: SLEEP };
      return {
        before: [],
        timed: [[{ argv: context.argv.run(options), creates: name }]],
        after: [{ argv: context.argv.remove([name]) }],
      };
    },
  },
  {
    id: 'warmStart',
    label: 'Warm start (stopped container)',
    plan: (context) => ({
      before: [],
      timed: [[{ argv: context.argv.start(warmName(context)) }]],
      after: [{ argv: context.argv.kill(warmName(context)) }],
    }),
  },
  {
    id: 'lifecycle',
    label: 'Create, run and remove',
    plan: (context, run) => {
      const name = benchName(context, `life-${run}`);
      return {
        before: [],
        timed: [
          [
            {
              argv: context.argv.run({ name, image: context.image, command: ['true'] }),
              creates: name,
            },
          ],
          [{ argv: context.argv.remove([name]) }],
        ],
        after: [],
      };
    },
  },
  {
    id: 'parallel',
    label: `${PARALLEL} containers in parallel`,
    plan: (context, run) => {
      const names = Array.from({ length: PARALLEL }, (_, i) =>
        benchName(context, `par-${run}-${i}`),
      );
      return {
        before: [],
        timed: [
          names.map((name) => ({
            argv: context.argv.run({ name, image: context.image, detach: true, command: SLEEP }),
            creates: name,
          })),
        ],
        after: [{ argv: context.argv.remove(names) }],
      };
    },
  },
  filesStep('filesRootfs', `${FILE_COUNT} files, container filesystem`, ROOTFS_PATH),
  filesStep('filesBind', `${FILE_COUNT} files, bind mount`, `${BIND_PATH}/files`),
  filesStep('filesVolume', `${FILE_COUNT} files, named volume`, `${VOLUME_PATH}/files`),
  {
    id: 'exec',
    label: 'exec round trip',
    plan: (context) => ({
      before: [],
      timed: [[{ argv: context.argv.exec(workName(context), ['true']) }]],
      after: [],
    }),
  },
];

/** What every step relies on: a running container with both mounts, a stopped one to start warm, a volume. */
export function suiteSetup(context: SuiteContext): BenchCommand[] {
  const work = workName(context);
  const warm = warmName(context);
  return [
    { argv: context.argv.pull(context.image) },
    { argv: context.argv.createVolume(volumeName(context)) },
    {
      argv: context.argv.run({
        name: work,
        image: context.image,
        detach: true,
        volumes: [`${context.bindDir}:${BIND_PATH}`, `${volumeName(context)}:${VOLUME_PATH}`],
        command: SLEEP,
      }),
      creates: work,
    },
    {
      argv: context.argv.create({ name: warm, image: context.image, command: SLEEP }),
      creates: warm,
    },
  ];
}
