import type { ContainerInfo, ImageInfo } from '../../src/core/client/types';
import type {
  ContainerClient,
  ContainerMemo,
  EngineDeps,
  HostCommandRunner,
} from '../../src/core/engine/deps';
import { parseSize } from '../../src/core/plan/sizes';
import { MemoryFileSystem } from './memoryFs';

/**
 * An in-memory stand-in for the engine's outside world: a `container` that
 * keeps containers in a map and records every call, the host, locks and
 * memos. For unit tests of the engine's decisions; the real flows run
 * against the stand-in `container` in the integration tests.
 */

export interface Call {
  verb: string;
  args: string[];
}

export class FakeClient implements ContainerClient {
  readonly calls: Call[] = [];
  readonly containers = new Map<string, ContainerInfo>();
  cliVersion = '1.2.2';
  /** Exit code for a streamed exec whose command line contains the key. */
  failures = new Map<string, number>();
  /** Hooks whose markers are missing: the set-up script's answer, less those marked since. */
  dueHooks = ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand'];
  streamed: string[][] = [];
  /** Lines a build prints (to stderr), for progress parsing. */
  buildOutput: string[] = [];
  /** Local images by reference; a build or pull adds one. */
  readonly images = new Map<string, ImageInfo>();
  /** Labels of the images a build makes (a Dockerfile's LABEL, or those of its FROM image). */
  builtLabels: Record<string, string> = {};

  private record(verb: string, args: string[] = []): void {
    this.calls.push({ verb, args });
  }

  async version() {
    this.record('version');
    return this.cliVersion;
  }
  async list() {
    this.record('list');
    return [...this.containers.values()];
  }
  async inspect(id: string) {
    this.record('inspect', [id]);
    return this.containers.get(id);
  }
  /** The guest kernel's boot log, per container (OOM kills). */
  bootLogs = new Map<string, string>();
  async bootLog(id: string) {
    this.record('bootLog', [id]);
    return this.bootLogs.get(id) ?? '';
  }
  async start(id: string) {
    this.record('start', [id]);
    const c = this.containers.get(id)!;
    // A later start time than before, even within the same millisecond.
    const startedDate = new Date(
      Date.parse(c.startedDate ?? '2026-01-01T00:00:00Z') + 1000,
    ).toISOString();
    this.containers.set(id, { ...c, state: 'running', startedDate });
  }
  async stop(id: string) {
    this.record('stop', [id]);
    const c = this.containers.get(id)!;
    this.containers.set(id, { ...c, state: 'stopped' });
  }
  async remove(id: string) {
    this.record('remove', [id]);
    this.containers.delete(id);
  }
  async imageInspect(reference: string) {
    this.record('imageInspect', [reference]);
    return this.images.get(reference);
  }
  async imagePull(reference: string) {
    this.record('imagePull', [reference]);
    this.images.set(reference, { reference, platforms: ['linux/arm64'], labels: {}, env: [] });
  }
  async runPlanned(args: string[], options: { onLog?: (line: string) => void } = {}) {
    this.record(args[0] ?? '', args);
    if (args[0] === 'build') {
      const flag = args.findIndex((arg) => arg === '--tag' || arg === '-t');
      const tag = (flag >= 0 ? args[flag + 1] : undefined) ?? 'built';
      this.buildOutput.forEach((line) => options.onLog?.(line));
      this.images.set(tag, {
        reference: tag,
        id: `id-${this.calls.length}`,
        platforms: [],
        labels: { ...this.builtLabels },
        env: [],
      });
    }
    if (args[0] !== 'run') {
      return '';
    }
    const name = args[args.indexOf('--name') + 1] ?? 'x';
    const labels: Record<string, string> = {};
    args.forEach((arg, i) => {
      if (arg === '-l') {
        const value = args[i + 1] ?? '';
        const eq = value.indexOf('=');
        labels[value.slice(0, eq)] = value.slice(eq + 1);
      }
    });
    const now = new Date().toISOString();
    const memory = args.indexOf('--memory');
    const memoryBytes = memory >= 0 ? parseSize(args[memory + 1] ?? '') : undefined;
    this.containers.set(name, {
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      id: name,
      state: 'running',
      image: 'img',
      rosetta: false,
      labels,
      publishedPorts: [],
      environment: ['PATH=/usr/bin:/bin', 'FROM_IMAGE=1'],
      creationDate: now,
      startedDate: now,
    });
    return `${name}\n`;
  }
  async execCapture(args: string[]) {
    this.record('execCapture', args);
    if (args.includes('slipway-setup')) {
      // As the script does: hooks with commands are due until marked; the others are marked now.
      const withCommands = (args.at(-1) ?? '').split(',');
      const due = this.dueHooks.filter((hook) => withCommands.includes(hook));
      this.dueHooks = due;
      return {
        exitCode: 0,
        stdout: `home=/home/u\nshell=/bin/sh\n${due.map((h) => `due=${h}`).join('\n')}\nend=report\n`,
        stderr: '',
      };
    }
    if (args.includes('slipway-mark')) {
      const marked = args.slice(args.indexOf('slipway-mark') + 3).filter((_, i) => i % 2 === 0);
      this.dueHooks = this.dueHooks.filter((hook) => !marked.includes(hook));
      return { exitCode: 0, stdout: '', stderr: '' };
    }
    return {
      exitCode: 0,
      stdout:
        'SLIPWAY_ENV_PROBE_7f3a9cPATH=/usr/bin:/bin\0PROFILE_VAR=yes\0SLIPWAY_ENV_PROBE_7f3a9c',
      stderr: '',
    };
  }
  async execStreaming(args: string[], options: { onStdout?: (chunk: string) => void }) {
    this.record('execStreaming', args);
    this.streamed.push(args);
    const line = args.join(' ');
    for (const [key, code] of this.failures) {
      if (line.includes(key)) {
        options.onStdout?.(`failing: ${key}\n`);
        return code;
      }
    }
    options.onStdout?.(`ran: ${args.at(-1)}\n`);
    return 0;
  }
}

export class FakeHost implements HostCommandRunner {
  readonly runs: Array<{ argv: string[]; cwd: string }> = [];
  async run(argv: string[], options: { cwd: string }) {
    this.runs.push({ argv, cwd: options.cwd });
    return 0;
  }
}

export function fakeDeps(files: Record<string, string>): EngineDeps & {
  client: FakeClient;
  host: FakeHost;
  output: string[];
  memoMap: Map<string, ContainerMemo>;
} {
  const memoMap = new Map<string, ContainerMemo>();
  const output: string[] = [];
  let held = Promise.resolve();
  return {
    fs: new MemoryFileSystem(files),
    client: new FakeClient(),
    host: new FakeHost(),
    locks: {
      // A promise chain: the second caller waits for the first to release.
      async acquire() {
        let release!: () => void;
        const previous = held;
        held = new Promise<void>((resolve) => (release = resolve));
        await previous;
        return async () => release();
      },
    },
    memos: {
      read: async (id) => memoMap.get(id),
      write: async (memo) => void memoMap.set(memo.containerId, memo),
      forget: async (id) => void memoMap.delete(id),
    },
    now: () => performance.now(),
    log: (text) => output.push(text),
    output,
    memoMap,
  };
}
