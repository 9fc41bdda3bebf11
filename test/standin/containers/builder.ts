/**
 * Apple builds inside a builder VM, the container `buildkit`, which `build`
 * starts on demand and which then shows up in `container list` like any other
 * container (labels com.apple.container.plugin=builder and
 * com.apple.container.resource.role=builder). The stand-in builds with podman
 * directly, so `buildkit` is a record only: listed, inspected, stopped and
 * deleted like the real one, with no process behind it.
 */
import type { Context } from '../context';
import type { AppleConfiguration, ContainerRecord } from '../model/types';
import { withLock } from '../state/lock';
import { readRecord, writeRecord } from '../state/store';
import { startDetached } from './lifecycle';

export const BUILDER_ID = 'buildkit';
const BUILDER_IMAGE = 'ghcr.io/apple/container-builder-shim/builder:0.13.1';
/** Not a real digest: a stable stand-in for the builder image's index. */
const BUILDER_DIGEST = `sha256:${'b'.repeat(64)}`;

function builderConfiguration(cpus: number, memoryInBytes: number): AppleConfiguration {
  return {
    id: BUILDER_ID,
    image: {
      reference: BUILDER_IMAGE,
      descriptor: {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: BUILDER_DIGEST,
        size: 1609,
      },
    },
    mounts: [],
    publishedPorts: [],
    publishedSockets: [],
    labels: {
      'com.apple.container.plugin': 'builder',
      'com.apple.container.resource.role': 'builder',
    },
    sysctls: {},
    networks: [{ network: 'default', options: { hostname: BUILDER_ID, mtu: 1280 } }],
    dns: { nameservers: [], searchDomains: [], options: [] },
    rosetta: true,
    initProcess: {
      executable: '/usr/local/bin/container-builder-shim',
      arguments: ['--debug', '--vsock'],
      environment: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      workingDirectory: '/',
      terminal: false,
      user: { id: { uid: 0, gid: 0 } },
      supplementalGroups: [],
      rlimits: [],
    },
    platform: { architecture: 'arm64', os: 'linux' },
    resources: { cpus, memoryInBytes, cpuOverhead: 1 },
    runtimeHandler: 'container-runtime-linux',
    virtualization: false,
    ssh: false,
    readOnly: false,
    useInit: false,
    capAdd: [],
    capDrop: [],
    creationDate: new Date().toISOString(),
  };
}

/** `builder start`, and what `build` does first: make sure `buildkit` exists and runs. */
export async function ensureBuilder(
  ctx: Context,
  cpus = 2,
  memoryInBytes = 2048 * 1024 * 1024,
): Promise<void> {
  const record = withLock(ctx.paths.lock, () => {
    const existing = readRecord(ctx.paths, BUILDER_ID);
    if (existing) {
      return existing;
    }
    const created: ContainerRecord = {
      schema: 1,
      configuration: builderConfiguration(cpus, memoryInBytes),
      autoRemove: false,
      state: 'stopped',
    };
    writeRecord(ctx.paths, created);
    return created;
  });
  if (record.state !== 'running') {
    await startDetached(ctx, record);
  }
}
