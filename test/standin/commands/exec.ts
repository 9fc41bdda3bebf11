/**
 * `container exec`: a new process in a running container, with the init
 * process's user, working directory and environment unless overridden
 * (-e values are appended), stdio streamed straight through and the
 * process's exit code as ours. `-d` prints the container ID instead.
 */
import type { Command } from '../context';
import { findSnapshot } from '../containers/runtime';
import { AppleError, ExitCode } from '../errors';
import { combineEnv, resolveUser } from '../model/process';
import { podman, podmanAttached, podmanFailure } from '../podman/podman';
import { LIST_FAILED, requireService } from './common';

/**
 * CONTAINER_STANDIN_HANG=exec plays Apple's #1916: `exec` hangs forever with
 * no output (only a kill ends it). CONTAINER_STANDIN_HANG_MATCH narrows it to
 * the execs whose command line contains that text.
 */
function hangs(env: NodeJS.ProcessEnv, command: readonly string[]): boolean {
  const hang = (env.CONTAINER_STANDIN_HANG ?? '').split(',').map((word) => word.trim());
  const match = env.CONTAINER_STANDIN_HANG_MATCH ?? '';
  return hang.includes('exec') && (match === '' || command.join(' ').includes(match));
}

function hangForever(): Promise<number> {
  // A pending timer keeps node alive; the promise never settles.
  setInterval(() => undefined, 1 << 30);
  return new Promise<number>(() => undefined);
}

export const exec: Command = async (ctx, invocation) => {
  requireService(ctx, LIST_FAILED);
  const { options } = invocation;
  const [id = '', ...command] = invocation.positionals;
  if (hangs(ctx.env, command)) {
    return hangForever();
  }
  const snapshot = await findSnapshot(ctx, id);
  if (!snapshot) {
    throw new AppleError('notFound', `get failed: container ${id} not found`);
  }
  if (snapshot.state !== 'running') {
    throw new AppleError('invalidState', `container ${id} is not running`);
  }
  const podmanName = snapshot.record.podmanName;
  if (podmanName === undefined) {
    throw new AppleError(
      'unsupported',
      `stand-in: ${id} is a record only, with no process to exec in`,
    );
  }
  if (command.length === 0) {
    throw new AppleError('invalidArgument', 'no command specified for exec');
  }
  const env = combineEnv([], options.values('--env-file'), options.values('--env'), ctx.env);
  const userFlags = ['--user', '--uid', '--gid'].some((name) => options.has(name));
  const { user } = resolveUser(
    options.last('--user'),
    options.last('--uid'),
    options.last('--gid'),
    snapshot.record.configuration.initProcess.user,
  );
  const userText = 'raw' in user ? user.raw.userString : `${user.id.uid}:${user.id.gid}`;
  const interactive = options.has('--interactive');
  const detach = options.has('--detach');
  const workdir = options.last('--workdir');
  const args = [
    'exec',
    ...(interactive && !detach ? ['--interactive'] : []),
    ...(options.has('--tty') ? ['--tty'] : []),
    ...(detach ? ['--detach'] : []),
    ...(workdir === undefined ? [] : ['--workdir', workdir]),
    ...(userFlags ? ['--user', userText] : []),
    ...env.flatMap((entry) => ['--env', entry]),
    podmanName,
    ...command,
  ];
  if (detach) {
    const result = await podman(args);
    if (result.code !== 0) {
      throw podmanFailure('exec', result);
    }
    ctx.print(id);
    return 0;
  }
  throw new ExitCode(await podmanAttached(args, interactive ? 'inherit' : 'ignore'));
};
