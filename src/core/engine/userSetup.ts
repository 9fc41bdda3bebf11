import { shellQuote } from '../shell';
/**
 * The one root-run script that prepares the container for a session, and
 * reports back: it resolves the remote user's home and shell, says which
 * lifecycle hooks are due by their markers (as the reference implementation
 * keeps them, in `~/.devcontainer/`, holding the container's creation or
 * start time), and, once per container, writes the container's environment
 * where login shells and SSH sessions read it (sshd does not pass it on).
 *
 * Unlike the reference, which writes a marker before its hook runs, a hook
 * with commands gets its marker only once it has succeeded (MARK_SCRIPT): a
 * hook that failed or was interrupted stays due, so the next `up` finishes
 * the lifecycle instead of skipping it. A hook with nothing to run ($5 lists
 * those that have commands) cannot fail, so its marker is written here.
 *
 * Every value arrives as a positional argument ($1, $2, ...), never pasted
 * into the script text, so nothing from the config is parsed by a shell.
 */
export const SETUP_SCRIPT = `set -u
user="$1"; created="$2"; started="$3"; envfile="$4"; commands=",\${5:-},"
entry=$(getent passwd "$user" 2>/dev/null || grep "^$user:" /etc/passwd 2>/dev/null || true)
home=$(printf '%s' "$entry" | cut -d: -f6)
shell=$(printf '%s' "$entry" | cut -d: -f7)
[ -n "$home" ] || home=/root
[ -n "$shell" ] || shell=/bin/sh
echo "home=$home"
echo "shell=$shell"
dir="$home/.devcontainer"
mkdir -p "$dir" 2>/dev/null && chown "$user" "$dir" 2>/dev/null
due() {
  marker="$dir/.$1Marker"
  if [ "$(cat "$marker" 2>/dev/null)" != "$2" ]; then
    case "$commands" in
      *",$1,"*) [ -w "$dir" ] && echo "due=$1" ;;
      *) printf '%s' "$2" > "$marker" 2>/dev/null && chown "$user" "$marker" 2>/dev/null ;;
    esac
  fi
}
due onCreateCommand "$created"
due updateContentCommand "$created"
due postCreateCommand "$created"
due postStartCommand "$started"
if [ ! -e /var/devcontainer/.slipwayEnvironmentMarker ] && [ -n "$envfile" ]; then
  mkdir -p /var/devcontainer /etc/profile.d
  cat > /etc/profile.d/00-slipway-container-env.sh
  printf '%s' "$created" > /var/devcontainer/.slipwayEnvironmentMarker
  echo "environment=written"
fi
# Read what is left of stdin: a writer that outlives the script must not hit a
# closed pipe, which can cut the report short on its way out.
cat > /dev/null
echo "end=report"
exit 0`;

/**
 * Records hooks as done, once they have succeeded: `$3`, `$4`, ... are pairs
 * of a hook name and the value its marker holds. Run as root; the markers
 * belong to the remote user, as the set-up script leaves them.
 */
export const MARK_SCRIPT = `set -u
user="$1"; dir="$2/.devcontainer"; shift 2
mkdir -p "$dir" && chown "$user" "$dir" 2>/dev/null
while [ $# -ge 2 ]; do
  printf '%s' "$2" > "$dir/.$1Marker" || exit 1
  chown "$user" "$dir/.$1Marker" 2>/dev/null
  shift 2
done
exit 0`;

export interface SetupReport {
  home: string;
  shell: string;
  dueHooks: Set<string>;
  /** The script's last line arrived: a cut-short report must not read as "nothing due". */
  complete: boolean;
}

export function parseSetupReport(stdout: string): SetupReport {
  const report: SetupReport = {
    home: '/root',
    shell: '/bin/sh',
    dueHooks: new Set(),
    complete: false,
  };
  for (const line of stdout.split('\n')) {
    const equals = line.indexOf('=');
    if (equals < 0) {
      continue;
    }
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1);
    if (key === 'home') {
      report.home = value;
    } else if (key === 'shell') {
      report.shell = value;
    } else if (key === 'due') {
      report.dueHooks.add(value);
    } else if (key === 'end' && value === 'report') {
      report.complete = true;
    }
  }
  return report;
}

/**
 * The container's environment as a profile script, so that login shells and
 * SSH sessions see what `container run -e` set. PATH is kept as the session's
 * own if it has one, with the container's entries added.
 */
export function environmentProfile(environment: readonly string[]): string {
  const lines = ['# Written by Slipway: the dev container environment for login and SSH sessions.'];
  for (const entry of environment) {
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      continue;
    }
    const name = entry.slice(0, equals);
    if (
      !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ||
      ['HOME', 'USER', 'SHELL', 'HOSTNAME', 'PWD', 'TERM'].includes(name)
    ) {
      continue;
    }
    const value = entry.slice(equals + 1);
    lines.push(
      name === 'PATH'
        ? `export PATH=${shellQuote(value)}"\${PATH:+:$PATH}"`
        : `export ${name}=${shellQuote(value)}`,
    );
  }
  return lines.join('\n') + '\n';
}
