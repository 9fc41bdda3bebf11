/**
 * The dev container's main process while `overrideCommand` is on (the
 * default): it runs the Feature entrypoints, then idles until stopped. It
 * traps SIGTERM so that `container stop` ends it at once with status 0
 * instead of waiting out the kill timeout, and it waits on a background
 * `sleep` because a shell only runs a trap between commands.
 */
export const KEEP_ALIVE_SHELL = '/bin/sh';

export function keepAliveScript(entrypoints: readonly string[]): string {
  return [
    'echo "Container started"',
    "trap 'exit 0' TERM INT",
    ...entrypoints,
    'while :; do sleep 86400 & wait $!; done',
  ].join('\n');
}

/** `--entrypoint /bin/sh <image> -c <script> -`: the `-` becomes `$0`. */
export function keepAliveArgs(image: string, entrypoints: readonly string[]): string[] {
  return ['--entrypoint', KEEP_ALIVE_SHELL, image, '-c', keepAliveScript(entrypoints), '-'];
}
