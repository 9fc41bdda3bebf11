/**
 * `container exec` arguments for commands Slipway runs in the dev container:
 * as the remote user, in the workspace folder, with the remote environment.
 * Values go in as separate arguments; nothing is ever pasted into a shell
 * string on the host.
 */
export interface ExecSpec {
  containerId: string;
  user?: string;
  workdir?: string;
  env?: Readonly<Record<string, string>>;
  /** Keep stdin open (`-i`). */
  interactive?: boolean;
  /** Allocate a terminal (`-t`); only with a real terminal on stdin. */
  tty?: boolean;
  command: readonly string[];
}

export function execArgs(spec: ExecSpec): string[] {
  const args = ['exec'];
  if (spec.interactive) {
    args.push('-i');
  }
  if (spec.tty) {
    args.push('-t');
  }
  if (spec.user !== undefined && spec.user !== '') {
    args.push('-u', spec.user);
  }
  if (spec.workdir !== undefined && spec.workdir !== '') {
    args.push('-w', spec.workdir);
  }
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    args.push('-e', `${name}=${value}`);
  }
  args.push(spec.containerId, ...spec.command);
  return args;
}

/** A lifecycle string runs through `/bin/sh -c`; an array runs as it is, without a shell. */
export function commandArgv(command: string | readonly string[]): string[] {
  return typeof command === 'string' ? ['/bin/sh', '-c', command] : [...command];
}
