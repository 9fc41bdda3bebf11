#!/usr/bin/env bash
# The OCI registry the Feature tests publish to: Debian's build of the Docker
# distribution registry (package `docker-registry`, binary
# /usr/bin/docker-registry), run by the tests themselves on loopback.
#
#   bash test/features/registry.sh            install the package if missing (idempotent;
#                                             a second run only checks, in well under a second)
#   bash test/features/registry.sh serve PORT [STORAGE_DIR]
#                                             run a registry in the foreground on 127.0.0.1:PORT
#                                             (storage in a new temporary folder unless given)
#   bash test/features/registry.sh config PORT STORAGE_DIR
#                                             print the registry's configuration (the TS helper uses it)
#
# The tests normally start the registry from TypeScript
# (test/integration/features/registry.ts); `serve` is for trying things by hand.
# Needs root to install (apt-get). Talks only to the Debian mirror apt is already
# configured with, and only when the package is missing.
set -euo pipefail

REGISTRY_BIN=/usr/bin/docker-registry
PACKAGE=docker-registry

log() { printf '[features:registry] %s\n' "$*" >&2; }

installed() { dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'; }

install() {
  if installed && [[ -x $REGISTRY_BIN ]]; then
    log "package present: $PACKAGE ($REGISTRY_BIN)"
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    log "must run as root to install $PACKAGE (apt-get)"
    exit 1
  fi
  log "installing: $PACKAGE"
  # The package's maintainer scripts would start a registry on :5000 (all
  # interfaces) as a system service. The tests start their own on loopback, so
  # service starts are refused while it installs, unless the machine already has
  # a policy of its own.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$PACKAGE"; } || status=$?
  if ((own_policy)); then
    rm -f "$policy"
  fi
  if ((status != 0)); then
    log "apt-get could not install $PACKAGE (exit $status)"
    exit "$status"
  fi
  [[ -x $REGISTRY_BIN ]] || { log "$REGISTRY_BIN is missing after installing $PACKAGE"; exit 1; }
  log "installed: $PACKAGE"
}

# The registry's configuration: loopback only, storage in DIR, deletes allowed,
# quiet logs. Written to stdout.
config() {
  local port=$1 storage=$2
  cat <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  # Fixed, so the registry does not warn about a generated one; it only signs upload state.
  secret: slipway-test-registry
YAML
}

serve() {
  local port=${1:?usage: registry.sh serve PORT [STORAGE_DIR]}
  local storage=${2:-}
  [[ -x $REGISTRY_BIN ]] || install
  if [[ -z $storage ]]; then
    storage=$(mktemp -d -t slipway-registry-XXXXXX)
  fi
  mkdir -p "$storage/data"
  config "$port" "$storage/data" >"$storage/config.yml"
  log "serving http://127.0.0.1:$port (storage $storage)"
  exec "$REGISTRY_BIN" serve "$storage/config.yml"
}

case ${1:-install} in
  install) install ;;
  serve) shift; serve "$@" ;;
  config) shift; config "$@" ;;
  *) log "unknown command: $1 (install | serve PORT [DIR] | config PORT DIR)"; exit 2 ;;
esac
