#!/usr/bin/env bash
# Prepares this Linux machine to run the `container` stand-in: Debian packages,
# the test images in podman's store, and the stand-in's bundle. Idempotent: a
# second run installs nothing, builds nothing and finishes in seconds.
#
# Needs root (apt-get, podman as root). Talks only to the Debian mirror apt is
# already configured with, and only when something is missing.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${SLIPWAY_IMAGE_CACHE:-/var/cache/slipway-test-images}"
# The stand-in passes the same settings to every podman call it makes.
export CONTAINERS_CONF="$REPO_ROOT/test/standin/podman/containers.conf"
export CONTAINERS_REGISTRIES_CONF="$REPO_ROOT/test/standin/podman/registries.conf"

BUSYBOX_IMAGE='localhost/slipway-standin/busybox:latest'
DEBIAN_IMAGE='localhost/slipway-standin/debian:bookworm'
# What the Debian image holds; the cache key is derived from it, so changing it rebuilds.
DEBIAN_PACKAGES='bash,ca-certificates,curl,tar,procps,sudo,openssh-server,less'
# Bump when the customisation below changes in a way that should rebuild the images.
IMAGE_RECIPE_VERSION='1'
IMAGE_PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

log() { printf '[test:setup] %s\n' "$*"; }

if [[ $(id -u) -ne 0 ]]; then
  log 'must run as root (apt-get and podman as root)'
  exit 1
fi

# --- 1. Debian packages -------------------------------------------------------

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# catatonit backs `--init`; runc replaces crun, which fails on this kernel's
# hybrid cgroup layout. podman's recommended packages come too (uidmap,
# fuse-overlayfs, ...): the stand-in was proven with them.
# openssh-client: the SSH transport tests drive the system ssh, sftp and ssh-keygen.
# iproute2: `ip netns`, for the network namespace the network tests run their
# containers in (CONTAINER_STANDIN_NETNS); netavark and iptables set up the
# internal bridges podman makes there.
# openssh-server: the remote-host tests start their own sshd on 127.0.0.1 (see
# test/integration/remote/loopbackSshd.ts); the system one must never run.
wanted=(podman runc catatonit debootstrap busybox-static openssh-client openssh-server iproute2 netavark iptables)
missing=()
for package in "${wanted[@]}"; do
  installed "$package" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  log "installing: ${missing[*]}"
  apt-get update -qq
  # No package may start a service (openssh-server would start sshd on port
  # 22): a policy-rc.d that refuses every start, unless one is already there.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  ((own_policy)) && rm -f "$policy"
else
  log "packages present: ${wanted[*]}"
fi

# Belt and braces: should a system sshd be running anyway (an init that ignored
# policy-rc.d), stop it; the tests' sshd listens on loopback ports of their own.
if [[ -f /run/sshd.pid ]] && kill -0 "$(cat /run/sshd.pid)" 2>/dev/null; then
  log 'stopping the system sshd (the tests start their own on 127.0.0.1)'
  kill "$(cat /run/sshd.pid)"
fi

# --- 2. The Debian mirror apt already uses -------------------------------------

# First `bookworm` source that carries `main`, in deb822 (.sources) or one-line
# (.list) form. debootstrap must use the same mirror: nothing else is reachable.
debian_mirror() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] || continue
    awk '
      /^[[:space:]]*$/ { if (uri != "" && suite && main) { print uri; found=1; exit } uri=""; suite=0; main=0; next }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") suite=1 }
      /^Components:/ { for (i = 2; i <= NF; i++) if ($i == "main") main=1 }
      END { if (!found && uri != "" && suite && main) print uri }
    ' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $file ]] || continue
    awk '$1 == "deb" && $0 ~ / bookworm / && $0 ~ / main/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$file"
  done
}

# --- 3. Test images -------------------------------------------------------------

image_exists() { podman image exists "$1"; }

# Imports a root filesystem directory as an image. `podman import` gives an
# image without an environment, so PATH and CMD are set the way Docker Hub's
# images set them.
import_rootfs_tar() {
  local tarball=$1 image=$2 cmd=$3
  shift 3
  podman import --quiet \
    --change "ENV PATH=$IMAGE_PATH" \
    --change "CMD $cmd" \
    "$tarball" "$image" >/dev/null
  local extra
  for extra in "$@"; do
    podman tag "$image" "$extra"
  done
}

build_busybox() {
  local key="bb-$IMAGE_RECIPE_VERSION-$(dpkg-query -W -f='${Version}' busybox-static | tr -c 'A-Za-z0-9.\n' '_')"
  local keyed="localhost/slipway-standin/busybox:$key"
  if image_exists "$keyed" && image_exists "$BUSYBOX_IMAGE"; then
    log "image present: $BUSYBOX_IMAGE ($key)"
    return
  fi
  log "building $BUSYBOX_IMAGE from busybox-static"
  local work
  work=$(mktemp -d)
  local root="$work/root"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,home/vscode,tmp,proc,sys,dev,run,var/tmp}
  cp /bin/busybox "$root/bin/busybox"
  # Every applet as a symlink where busybox says it belongs (sh, sleep, cat, env, ...).
  chroot "$root" /bin/busybox --install -s
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
vscode:x:1000:1000:vscode:/home/vscode:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
vscode:x:1000:
nogroup:x:65534:
EOF
  chmod 1777 "$root/tmp" "$root/var/tmp"
  chmod 700 "$root/root"
  chown 1000:1000 "$root/home/vscode"
  tar --numeric-owner -C "$root" -cf "$work/rootfs.tar" .
  # Drop every name of an older build (published names "pulled" from it too), but
  # never the image or containers made from it.
  podman untag "$BUSYBOX_IMAGE" >/dev/null 2>&1 || true
  import_rootfs_tar "$work/rootfs.tar" "$BUSYBOX_IMAGE" '["sh"]' "$keyed"
  rm -rf "$work"
}

build_debian() {
  local key
  key="deb-$IMAGE_RECIPE_VERSION-$(printf '%s' "$DEBIAN_PACKAGES" | sha256sum | cut -c1-12)"
  local keyed="localhost/slipway-standin/debian:$key"
  if image_exists "$keyed" && image_exists "$DEBIAN_IMAGE"; then
    log "image present: $DEBIAN_IMAGE ($key)"
    return
  fi
  local tarball="$CACHE_DIR/debian-bookworm-$key.tar"
  if [[ ! -f $tarball ]]; then
    local mirror
    # awk reads everything, so no SIGPIPE under pipefail.
    mirror=$(debian_mirror | awk 'NR == 1')
    if [[ -z $mirror ]]; then
      log 'no bookworm mirror with main found in /etc/apt sources'
      exit 1
    fi
    log "debootstrap bookworm from $mirror (packages: $DEBIAN_PACKAGES); about 30 s"
    local work
    work=$(mktemp -d)
    local root="$work/root"
    debootstrap --variant=minbase --include="$DEBIAN_PACKAGES" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
      tail -n 30 "$work/debootstrap.log"
      exit 1
    }
    # The non-root dev container user that mcr.microsoft.com/devcontainers images have.
    chroot "$root" groupadd --gid 1000 vscode
    chroot "$root" useradd --uid 1000 --gid 1000 --create-home --shell /bin/bash vscode
    printf 'vscode ALL=(root) NOPASSWD:ALL\n' >"$root/etc/sudoers.d/vscode"
    chmod 0440 "$root/etc/sudoers.d/vscode"
    chroot "$root" apt-get clean
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/*.log
    mkdir -p "$CACHE_DIR"
    tar --numeric-owner -C "$root" -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
    rm -rf "$work"
    log "cached $tarball"
  else
    log "using cached $tarball"
  fi
  podman untag "$DEBIAN_IMAGE" >/dev/null 2>&1 || true
  log "importing $DEBIAN_IMAGE"
  import_rootfs_tar "$tarball" "$DEBIAN_IMAGE" '["bash"]' "$keyed"
}

build_busybox
build_debian

# --- 4. The stand-in itself --------------------------------------------------------

log 'bundling the stand-in (test/standin/dist/container.js)'
(cd "$REPO_ROOT" && node test/standin/build.mjs)
chmod +x "$REPO_ROOT/test/standin/bin/container"

log "ready: put $REPO_ROOT/test/standin/bin first on PATH"
