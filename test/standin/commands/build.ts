/**
 * `container build`: Apple's checks (BuildCommand.validate is a ValidationError,
 * so exit 64 with usage), base images "pulled" the stand-in's way, then a real
 * `podman build` with no network and never a pull. Build output goes to stderr
 * as Apple's progress does; stdout gets the image names, one per line.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command, Context, Invocation } from '../context';
import { ensureBuilder } from '../containers/builder';
import { RawError, UsageError } from '../errors';
import { normalizeReference, parseReference } from '../images/reference';
import { ensureImage } from '../images/store';
import { problemError, requireService } from './common';

function validationError(message: string): UsageError {
  return new UsageError(message, ['build']);
}

/** BuildCommand.validate: context dir, tags, Dockerfile (then Containerfile). */
function locateInputs(
  ctx: Context,
  invocation: Invocation,
): { context: string; dockerfile: string } {
  const contextArg = invocation.positionals[0] ?? '.';
  const context = resolve(ctx.cwd, contextArg);
  if (!existsSync(context)) {
    throw validationError(`context dir does not exist ${contextArg}`);
  }
  for (const tag of invocation.options.values('--tag')) {
    if (!parseReference(tag)) {
      throw validationError(`invalid reference ${tag}`);
    }
  }
  const file = invocation.options.last('--file');
  if (file !== undefined) {
    const path = resolve(ctx.cwd, file);
    if (!existsSync(path)) {
      throw validationError(`dockerfile does not exist ${file}`);
    }
    return { context, dockerfile: path };
  }
  const found = ['Dockerfile', 'Containerfile'].map((name) => join(context, name)).find(existsSync);
  if (found === undefined) {
    throw validationError('dockerfile not found in context dir');
  }
  return { context, dockerfile: found };
}

function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => {
    return values.get((a ?? b) as string) ?? '';
  });
}

/** The base images a Dockerfile pulls: FROM lines that name neither a stage nor scratch. */
export function baseImages(dockerfile: string, buildArgs: ReadonlyMap<string, string>): string[] {
  const logical = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const values = new Map<string, string>();
  const stages = new Set<string>();
  const bases: string[] = [];
  let seenFrom = false;
  for (const raw of logical) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const [instruction = '', ...rest] = line.split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === 'ARG' && !seenFrom) {
      const [name = '', defaultValue] = (rest[0] ?? '').split('=', 2);
      values.set(name, buildArgs.get(name) ?? defaultValue ?? '');
    } else if (keyword === 'FROM') {
      seenFrom = true;
      const words = rest.filter((word) => !word.startsWith('--'));
      const image = substitute(words[0] ?? '', values);
      const alias = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
      if (image !== '' && image !== 'scratch' && !stages.has(image.toLowerCase())) {
        bases.push(image);
      }
      if (alias !== undefined) {
        stages.add(alias.toLowerCase());
      }
    }
  }
  return [...new Set(bases)];
}

function buildArgMap(values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals > 0) {
      map.set(value.slice(0, equals), value.slice(equals + 1));
    }
  }
  return map;
}

/** BuildKit's wording for a failed RUN step, from podman's. */
function buildFailure(podmanStderr: string): string {
  const lines = podmanStderr.trim().split('\n');
  const last = (
    lines.filter((line) => line.startsWith('Error: ')).pop() ??
    lines.pop() ??
    ''
  ).replace(/^Error: /, '');
  const step = /building at STEP "RUN (.*)": while running runtime: exit status (\d+)/.exec(last);
  return step
    ? `failed to solve: process "/bin/sh -c ${step[1]}" did not complete successfully: exit code: ${step[2]}`
    : last;
}

function runPodmanBuild(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const configDir = resolve(__dirname, '..', 'podman');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.env.CONTAINER_STANDIN_PODMAN ?? 'podman', args, {
      env: {
        ...process.env,
        CONTAINERS_CONF: join(configDir, 'containers.conf'),
        CONTAINERS_REGISTRIES_CONF: join(configDir, 'registries.conf'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: Buffer[] = [];
    let pending = '';
    // podman's own "Error: ..." line is left out: ours, in Apple's words, follows.
    const forward = (text: string): void => {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('Error: ')) {
          process.stderr.write(`${line}\n`);
        }
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => forward(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      forward(chunk.toString('utf8'));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending !== '') {
        forward('\n');
      }
      resolvePromise({ code: code ?? 1, stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

export const build: Command = async (ctx, invocation) => {
  const { options } = invocation;
  // validate() runs while parsing, before anything talks to the service.
  const { context, dockerfile } = locateInputs(ctx, invocation);
  requireService(ctx);
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
  const buildArgs = options.values('--build-arg');
  await ensureBuilder(ctx);
  for (const base of baseImages(readFileSync(dockerfile, 'utf8'), buildArgMap(buildArgs))) {
    try {
      await ensureImage(normalizeReference(base));
    } catch (error) {
      // Errors from the builder come back over gRPC with the `unknown` code.
      throw new RawError(`unknown: "${(error as Error).message}"`);
    }
  }
  const tags = options.values('--tag');
  const names = (tags.length > 0 ? tags : [randomUUID().toLowerCase()]).map(normalizeReference);
  const target = options.last('--target');
  const args = [
    'build',
    '--runtime',
    '/usr/sbin/runc',
    '--network',
    'none',
    '--pull=never',
    // BuildKit adds no io.buildah.version label to what it builds.
    '--identity-label=false',
    '--ulimit',
    'nofile=1024:1024',
    '--ulimit',
    'nproc=1024:1024',
    '--file',
    dockerfile,
    ...names.flatMap((name) => ['--tag', name]),
    ...buildArgs.flatMap((arg) => ['--build-arg', arg]),
    ...(target === undefined ? [] : ['--target', target]),
    ...(options.has('--no-cache') ? ['--no-cache'] : []),
    ...(options.has('--quiet') ? ['--quiet'] : []),
    ...options.values('--label').flatMap((label) => ['--label', label]),
    context,
  ];
  const result = await runPodmanBuild(args);
  if (result.code !== 0) {
    throw new RawError(`unknown: "${buildFailure(result.stderr)}"`);
  }
  ctx.print(names.join('\n'));
  return 0;
};
