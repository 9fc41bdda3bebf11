/**
 * The two runtimes the benchmark can drive, as data: the same operation is
 * spelled differently by Apple's `container` (per its reference: `delete`,
 * `image pull`, `volume create <name> --label`) and by `docker`. Every option
 * here exists in the runtime it is listed for.
 */

export type BenchRuntimeName = 'container' | 'docker';

/** Marks everything the benchmark creates, so clean-up (and a user) can find it. */
export const BENCH_LABEL = 'slipway.bench=1';
export const BENCH_PREFIX = 'slipway-bench';

export interface RunOptions {
  name: string;
  image: string;
  detach?: boolean;
  /** `-v` specs: `/host/dir:/path` or `volume:/path`. */
  volumes?: readonly string[];
  command: readonly string[];
}

export interface RuntimeArgv {
  pull(image: string): string[];
  run(options: RunOptions): string[];
  create(options: RunOptions): string[];
  start(name: string): string[];
  kill(name: string): string[];
  remove(names: readonly string[]): string[];
  exec(name: string, command: readonly string[]): string[];
  createVolume(name: string): string[];
  removeVolume(name: string): string[];
}

function runOptions(options: RunOptions): string[] {
  return [
    ...(options.detach === true ? ['--detach'] : []),
    '--name',
    options.name,
    '--label',
    BENCH_LABEL,
    ...(options.volumes ?? []).flatMap((spec) => ['--volume', spec]),
    options.image,
    ...options.command,
  ];
}

const APPLE: RuntimeArgv = {
  pull: (image) => ['image', 'pull', image],
  run: (options) => ['run', ...runOptions(options)],
  // `create` has no --detach: it never attaches.
  create: (options) => ['create', ...runOptions({ ...options, detach: false })],
  start: (name) => ['start', name],
  // `sleep` as PID 1 ignores SIGTERM, so `stop` would wait out its grace period; KILL is the default here.
  kill: (name) => ['kill', name],
  remove: (names) => ['delete', '--force', ...names],
  exec: (name, command) => ['exec', name, ...command],
  createVolume: (name) => ['volume', 'create', name, '--label', BENCH_LABEL],
  removeVolume: (name) => ['volume', 'delete', name],
};

const DOCKER: RuntimeArgv = {
  pull: (image) => ['image', 'pull', image],
  run: (options) => ['run', ...runOptions(options)],
  create: (options) => ['create', ...runOptions({ ...options, detach: false })],
  start: (name) => ['start', name],
  kill: (name) => ['kill', name],
  remove: (names) => ['rm', '--force', ...names],
  exec: (name, command) => ['exec', name, ...command],
  createVolume: (name) => ['volume', 'create', '--label', BENCH_LABEL, name],
  removeVolume: (name) => ['volume', 'rm', name],
};

export const RUNTIMES: Readonly<Record<BenchRuntimeName, RuntimeArgv>> = {
  container: APPLE,
  docker: DOCKER,
};
