#!/usr/bin/env bash
# Prepares this Linux machine for the UI tests: Debian's Chromium and the
# packages code-server's native modules build against, then code-server (a real
# VS Code workbench) and playwright-core in test/ui/server/, from its own
# package-lock.json. Idempotent: a second run installs nothing and takes a few
# seconds.
#
# Fresh clones (CI) restore test/ui/server/node_modules from a tarball cached
# on the machine, keyed by the lock file, the Node ABI and the architecture, so
# only the first install on a machine pays for npm (about a minute).
#
# Needs root only when a Debian package is missing. Talks only to the Debian
# mirror apt is configured with and to the npm registry, and only when
# something is missing.
set -euo pipefail

UI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SERVER_DIR="$UI_DIR/server"
CACHE_DIR="${SLIPWAY_UI_CACHE:-/var/cache/slipway-ui}"
STAMP="$SERVER_DIR/.install-stamp"
CODE_SERVER_VERSION='4.100.3'
CHROMIUM='/usr/bin/chromium'

log() { printf '[test:ui:setup] %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ripgrep stands in for the binary @vscode/ripgrep would download from GitHub;
# the -dev packages and pkg-config are for code-server's native modules.
wanted=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
missing=()
for package in "${wanted[@]}"; do
  installed "$package" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages (${missing[*]}); run as root to install them"
    exit 1
  fi
  log "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. code-server and playwright-core in test/ui/server ---------------------

# What an installed node_modules depends on: the lock file, and the Node ABI
# and architecture its native modules were built for.
install_key() {
  {
    cat "$SERVER_DIR/package-lock.json"
    printf '\nnode-abi=%s arch=%s\n' "$(node -p process.versions.modules)" "$(uname -m)"
  } | sha256sum | cut -c1-16
}

# @vscode/ripgrep (a dependency of code-server's bundled VS Code) downloads rg
# from GitHub during its postinstall, which is unreachable here. It looks in
# this cache first; a tarball with Debian's rg at its top level satisfies it.
place_ripgrep() {
  local cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  local tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  [[ -f $tarball ]] && return
  mkdir -p "$cache"
  local work
  work=$(mktemp -d)
  cp /usr/bin/rg "$work/rg"
  tar -C "$work" -czf "$tarball.partial" rg
  mv "$tarball.partial" "$tarball"
  rm -rf "$work"
}

npm_install() {
  place_ripgrep
  # As root, code-server's postinstall refuses to run without unsafe_perm, and
  # one nested step runs npx, which must not prompt.
  export npm_config_unsafe_perm=true npm_config_yes=true
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  local started=$SECONDS
  if [[ -f $SERVER_DIR/package-lock.json ]]; then
    log 'npm ci in test/ui/server (about a minute)'
    (cd "$SERVER_DIR" && npm ci --no-progress --loglevel=error)
  else
    # Only when someone deletes the lock file on purpose, to move to new versions.
    log 'no package-lock.json: npm install in test/ui/server writes one (commit it)'
    (cd "$SERVER_DIR" && npm install --no-progress --loglevel=error)
  fi
  log "npm finished in $((SECONDS - started)) s"
  # npm 11 warns about install scripts; make sure the ones we need ran.
  [[ -x $SERVER_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]] || {
    log 'code-server install incomplete: its bundled ripgrep is missing (postinstall did not run?)'
    exit 1
  }
}

bin_ok() { [[ -x $SERVER_DIR/node_modules/.bin/code-server ]]; }

new_stamp=''
if bin_ok && [[ -f $SERVER_DIR/package-lock.json && -f $STAMP && $(cat "$STAMP") == "$(install_key)" ]]; then
  install_state='up to date'
else
  rm -f "$STAMP"
  key=''
  [[ -f $SERVER_DIR/package-lock.json ]] && key=$(install_key)
  cached="$CACHE_DIR/node_modules-$key.tar"
  install_state=''
  if [[ -n $key && -f $cached ]]; then
    log "restoring test/ui/server/node_modules from $cached"
    rm -rf "$SERVER_DIR/node_modules"
    if tar -C "$SERVER_DIR" -xf "$cached"; then
      install_state="restored from $cached"
    else
      log "$cached is damaged: removing it and installing with npm"
      rm -f "$cached"
    fi
  fi
  if [[ -z $install_state ]]; then
    rm -rf "$SERVER_DIR/node_modules"
    npm_install
    key=$(install_key)
    cached="$CACHE_DIR/node_modules-$key.tar"
    # The machine cache is an optimisation: a failure to write it is no failure.
    if mkdir -p "$CACHE_DIR" 2>/dev/null &&
      tar -C "$SERVER_DIR" -cf "$cached.partial.$$" node_modules 2>/dev/null; then
      mv "$cached.partial.$$" "$cached"
      # Keep only the newest few keys.
      find "$CACHE_DIR" -maxdepth 1 -name 'node_modules-*.tar' -printf '%T@ %p\n' |
        sort -rn | awk 'NR > 3 { print $2 }' | xargs -r rm -f
      install_state="installed with npm, cached in $cached"
    else
      rm -f "$cached.partial.$$"
      install_state='installed with npm (machine cache not writable)'
    fi
  fi
  bin_ok || {
    log 'test/ui/server/node_modules/.bin/code-server is missing after the install'
    exit 1
  }
  new_stamp=$key
fi

# --- 3. Verify ------------------------------------------------------------------

# Its first run on a machine logs a line about writing a default config before
# the version, so pick the line that starts with a version number.
version=$("$SERVER_DIR/node_modules/.bin/code-server" --version 2>/dev/null |
  awk '!found && $1 ~ /^[0-9]+\.[0-9]+\.[0-9]+$/ { print $1; found = 1 }')
if [[ $version != "$CODE_SERVER_VERSION" ]]; then
  log "code-server --version says '$version', expected $CODE_SERVER_VERSION"
  exit 1
fi
if [[ ! -x $CHROMIUM ]]; then
  log "$CHROMIUM is missing"
  exit 1
fi
# Only a verified install counts as done for the next run.
if [[ -n $new_stamp ]]; then
  printf '%s\n' "$new_stamp" >"$STAMP"
fi
playwright=$(node -p "require('$SERVER_DIR/node_modules/playwright-core/package.json').version")
log "ready: code-server $version ($install_state), playwright-core $playwright, $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
