/**
 * The root script that makes a container reachable over SSH through
 * `container exec ... sshd -i`. It is sent on stdin to `/bin/sh -s`; every
 * value arrives as a positional argument (user, public key, then the sshd
 * options to check) or, for the environment text, as SLIPWAY_SSH_ENVIRONMENT,
 * so nothing from a config is ever parsed by the shell. Idempotent.
 *
 * All the work is in `main`, called with stdin from /dev/null: the shell reads
 * its script from stdin, so a command that read stdin (a package manager
 * asking a question) would otherwise swallow the rest of the script.
 *
 * Output on stdout is `key=value` lines (see parseBootstrapOutput); noise from
 * package managers goes to stderr. Failures exit with the codes in
 * BOOTSTRAP_EXIT after an `error=<kind>` line.
 */
export const BOOTSTRAP_SCRIPT = `set -u
fail() {
  echo "error=$2"
  printf 'slipway: %s\\n' "$3" >&2
  exit "$1"
}
find_sshd() {
  for candidate in /usr/sbin/sshd /usr/bin/sshd /sbin/sshd /usr/local/sbin/sshd /usr/local/bin/sshd; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  command -v sshd 2>/dev/null || true
}
has() { command -v "$1" >/dev/null 2>&1; }
install_sshd() {
  if has apt-get; then
    echo "installing=apt-get"
    export DEBIAN_FRONTEND=noninteractive
    # The package would start a listening sshd daemon; sessions only need sshd -i.
    policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\\nexit 101\\n' > "$policy" && chmod 755 "$policy"
    fi
    apt-get -o Acquire::Retries=1 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 update >&2 || true
    apt-get -o Acquire::Retries=1 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 install -y --no-install-recommends openssh-server >&2
    status=$?
    [ -z "$policy" ] || rm -f "$policy"
    return "$status"
  elif has apk; then
    echo "installing=apk"
    apk add --no-cache openssh-server openssh-sftp-server openssh-keygen >&2
  elif has dnf; then
    echo "installing=dnf"
    dnf install -y openssh-server >&2
  elif has microdnf; then
    echo "installing=microdnf"
    microdnf install -y openssh-server >&2
  elif has yum; then
    echo "installing=yum"
    yum install -y openssh-server >&2
  elif has zypper; then
    echo "installing=zypper"
    zypper --non-interactive install --no-recommends openssh-server >&2
  elif has pacman; then
    echo "installing=pacman"
    pacman -Sy --noconfirm --needed openssh >&2
  else
    fail 81 no-package-manager "sshd is missing and there is no package manager to install it"
  fi
}
lookup_user() {
  found=$(getent passwd "$1" 2>/dev/null | head -n 1)
  if [ -z "$found" ]; then
    found=$(U="$1" awk -F: '$1 == ENVIRON["U"] || $3 == ENVIRON["U"] { print; exit }' /etc/passwd 2>/dev/null)
  fi
  printf '%s' "$found"
}
main() {
  wanted="\${1%%:*}"; pubkey="$2"; shift 2
  envtext="\${SLIPWAY_SSH_ENVIRONMENT-}"
  unset SLIPWAY_SSH_ENVIRONMENT
  [ "$(id -u)" = 0 ] || fail 80 not-root "the SSH set-up must run as root"
  [ -n "$wanted" ] && [ -n "$pubkey" ] || fail 89 bad-arguments "no user or public key given"

  sshd=$(find_sshd)
  if [ -z "$sshd" ]; then
    install_sshd || fail 82 install-failed "installing openssh-server failed"
    sshd=$(find_sshd)
    [ -n "$sshd" ] || fail 83 no-sshd-after-install "openssh-server was installed but sshd is not there"
  fi
  echo "sshd=$sshd"

  entry=$(lookup_user "$wanted")
  [ -n "$entry" ] || fail 84 unknown-user "no user $wanted in the container"
  IFS=: read -r name _password uid gid _gecos home shell <<ENTRY
$entry
ENTRY
  [ -n "$home" ] || home=/
  [ -n "$shell" ] || shell=/bin/sh
  echo "user=$name"
  echo "home=$home"
  echo "shell=$shell"
  case "$shell" in
    */nologin|*/false) echo "warning=no-login-shell" ;;
    *) [ -x "$shell" ] || echo "warning=login-shell-missing" ;;
  esac
  # sshd built without PAM (Alpine) refuses a "locked" account, and adduser -D
  # leaves "!" (no password) in /etc/shadow. "*" is just as password-less, but
  # not locked. A real (locked) password hash is never touched.
  if [ -w /etc/shadow ] && U="$name" awk -F: '$1 == ENVIRON["U"] && ($2 == "!" || $2 == "!!") { found = 1 } END { exit !found }' /etc/shadow; then
    shadow=$(U="$name" awk -F: -v OFS=: '$1 == ENVIRON["U"] && ($2 == "!" || $2 == "!!") { $2 = "*" } { print }' /etc/shadow) &&
      [ -n "$shadow" ] && printf '%s\\n' "$shadow" > /etc/shadow && echo "unlocked=1"
  fi

  ssh-keygen -A >&2 || fail 85 host-keys "ssh-keygen -A failed"
  mkdir -p /run/sshd && chmod 755 /run/sshd || fail 85 host-keys "cannot create /run/sshd"
  conf=$("$sshd" -T -C "user=$name,host=localhost,addr=127.0.0.1" "$@" 2>&1) ||
    fail 88 sshd-config "sshd rejects its configuration: $conf"
  hostkey=$(printf '%s\\n' "$conf" | awk '$1 == "hostkey" && $2 ~ /ed25519/ { print $2; exit }')
  [ -n "$hostkey" ] || hostkey=/etc/ssh/ssh_host_ed25519_key
  [ -s "$hostkey.pub" ] || fail 85 host-keys "no ed25519 host key ($hostkey.pub)"
  sftp=$(printf '%s\\n' "$conf" | awk '$1 == "subsystem" && $2 == "sftp" { print $3; exit }')
  if [ -z "$sftp" ]; then
    echo "warning=sftp-missing"
  elif [ "$sftp" != internal-sftp ] && [ ! -x "$sftp" ]; then
    echo "warning=sftp-missing"
  fi

  if [ ! -d "$home" ]; then
    mkdir -p "$home" && chown "$uid:$gid" "$home" || fail 86 authorized-keys "cannot create $home"
  fi
  dir="$home/.ssh"
  [ ! -L "$dir" ] || fail 86 authorized-keys "$dir is a symbolic link; Slipway will not write through it"
  mkdir -p "$dir" && chown "$uid:$gid" "$dir" && chmod 700 "$dir" ||
    fail 86 authorized-keys "cannot create $dir"
  keys="$dir/authorized_keys"
  # A new file renamed into place: never written through a link, never half-written.
  if [ -L "$keys" ] || ! grep -qxF -- "$pubkey" "$keys" 2>/dev/null; then
    tmp=$(mktemp "$dir/.slipway.XXXXXX") || fail 86 authorized-keys "cannot write in $dir"
    if [ -f "$keys" ] && [ ! -L "$keys" ]; then
      cat "$keys" > "$tmp"
      if [ -s "$tmp" ] && [ -n "$(tail -c 1 "$tmp")" ]; then echo >> "$tmp"; fi
    fi
    printf '%s\\n' "$pubkey" >> "$tmp" && chown "$uid:$gid" "$tmp" && chmod 600 "$tmp" && mv -f "$tmp" "$keys" ||
      fail 86 authorized-keys "cannot write $keys"
  fi
  chown "$uid:$gid" "$keys" && chmod 600 "$keys" || fail 86 authorized-keys "cannot set the owner of $keys"

  tmp=$(mktemp "$dir/.slipway.XXXXXX") || fail 87 environment "cannot write in $dir"
  printf '%s' "$envtext" > "$tmp" && chown "$uid:$gid" "$tmp" && chmod 600 "$tmp" && mv -f "$tmp" "$dir/environment" ||
    fail 87 environment "cannot write $dir/environment"

  echo "hostkey=$(cat "$hostkey.pub")"
  echo "ready=1"
}
main "$@" </dev/null
`;

/** Exit codes of the script, one per way it can fail. */
export const BOOTSTRAP_EXIT = {
  notRoot: 80,
  noPackageManager: 81,
  installFailed: 82,
  noSshdAfterInstall: 83,
  unknownUser: 84,
  hostKeys: 85,
  authorizedKeys: 86,
  environment: 87,
  sshdConfig: 88,
  badArguments: 89,
} as const;
