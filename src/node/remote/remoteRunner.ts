import {
  ContainerCliError,
  isContainerCliError,
  type ContainerRunner,
} from '../../core/client/types';
import { isSshOwnFailure } from '../../core/remote/remoteErrors';
import { ExecaContainerRunner } from '../containerRunner';
import type { LazyContainerRunner } from '../engineDeps';
import type { SshSession } from './sshSession';

/**
 * `container` on the remote Mac: each call is `ssh … <container> <args…>`
 * over the session's shared connection, arguments quoted for the remote
 * shell, stdin and stdout streamed. The remote path of `container` is found
 * on the first call (with the connection); `container`'s own errors keep
 * their kind and say which Mac they came from.
 */
export function remoteContainerRunner(
  session: SshSession,
  options: { onCommand?: (commandLine: string) => void } = {},
): ContainerRunner {
  let runner: Promise<ExecaContainerRunner> | undefined;
  const get = () =>
    (runner ??= session.containerPath().then(
      (file) =>
        new ExecaContainerRunner({
          executable: file,
          ...(options.onCommand !== undefined
            ? { onCommand: (line: string) => options.onCommand?.(`ssh ${session.label} ${line}`) }
            : {}),
          transport: {
            executable: 'ssh',
            argv: (args, { tty }) => session.argv([file, ...args], tty),
            // `container` may exit 255 too: only ssh's own words make it ssh's failure.
            explain: (failure) =>
              failure.exitCode === 255 && !isSshOwnFailure(failure.stderr)
                ? undefined
                : session.explain(failure),
          },
        }),
    ));
  const retrying = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      runner = undefined;
      throw onTheMac(session.label, error);
    });
  return {
    run: async (command, runOptions) => {
      const inner = await retrying(get());
      return inner.run(command, runOptions).catch((error: unknown) => {
        throw onTheMac(session.label, error);
      });
    },
    runAttached: async (args, runOptions) => {
      const inner = await retrying(get());
      return inner.runAttached(args, runOptions).catch((error: unknown) => {
        throw onTheMac(session.label, error);
      });
    },
  };
}

/** The remote runner, with `executable()` telling where `container` is on the Mac (the editor's runner shape). */
export function remoteLazyContainerRunner(
  session: SshSession,
  options: { onCommand?: (commandLine: string) => void } = {},
): LazyContainerRunner {
  return {
    ...remoteContainerRunner(session, options),
    executable: () => session.containerPath(),
  };
}

/** Which Mac said it: `container`'s error, kind unchanged, its message prefixed. */
function onTheMac(label: string, error: unknown): unknown {
  if (
    !isContainerCliError(error) ||
    error.kind === 'cancelled' ||
    error.message.startsWith('On ')
  ) {
    return error;
  }
  return new ContainerCliError(error.kind, `On ${label}: ${error.message}`, error.details);
}
