/**
 * `run`/`create` flags plus the image config → Apple's ContainerConfiguration,
 * in the order Utility.containerConfigFromFlags builds it, so the first
 * problem found is the one Apple would report.
 */
import { parseAppleSize } from '../../support/appleGrammar';
import type { Options } from '../cli/options';
import type { LocalImage } from '../images/store';
import { containerMounts, type VolumeNaming } from './mounts';
import { initProcess } from './process';
import {
  type NetworkLookup,
  dnsConfiguration,
  labels,
  memoryBytes,
  networkAttachments,
  normalizeCapabilities,
  pathOverrides,
  publishedPorts,
  publishedSockets,
  resolvePlatform,
} from './settings';
import type { AppleConfiguration, Platform } from './types';

const DEFAULT_CPUS = 4;
const DEFAULT_MEMORY = 1024 * 1024 * 1024;
const INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
/** The size of an image index document; the stand-in has no real index, so a typical one. */
const INDEX_SIZE = 9218;

export interface ConfigureInput {
  readonly id: string;
  readonly options: Options;
  /** What follows the image on the command line. */
  readonly arguments: readonly string[];
  readonly image: LocalImage;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly naming: VolumeNaming;
  /** CONTAINER_DEFAULT_PLATFORM exists from 0.11. */
  readonly honoursPlatformEnv: boolean;
  readonly networks: NetworkLookup;
}

export function requestedPlatform(
  input: Pick<ConfigureInput, 'options' | 'env' | 'honoursPlatformEnv'>,
): Platform {
  const { options } = input;
  return resolvePlatform(
    {
      ...(options.last('--platform') === undefined ? {} : { platform: options.last('--platform') }),
      ...(options.last('--os') === undefined ? {} : { os: options.last('--os') }),
      ...(options.last('--arch') === undefined ? {} : { arch: options.last('--arch') }),
    },
    input.env,
    input.honoursPlatformEnv,
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function configureContainer(input: ConfigureInput): AppleConfiguration {
  const { options, image } = input;
  const platform = requestedPlatform(input);
  const process = initProcess(
    {
      arguments: input.arguments,
      ...optional('entrypoint', options.last('--entrypoint')),
      env: options.values('--env'),
      envFiles: options.values('--env-file'),
      ...optional('workdir', options.last('--workdir')),
      ...optional('user', options.last('--user')),
      ...optional('uid', options.last('--uid')),
      ...optional('gid', options.last('--gid')),
      tty: options.has('--tty'),
      ulimits: options.values('--ulimit'),
    },
    image.config,
    input.env,
  );
  const memoryFlag = options.last('--memory');
  const memory = memoryFlag === undefined ? undefined : parseAppleSize(memoryFlag);
  const mounts = containerMounts(
    {
      tmpfs: options.values('--tmpfs'),
      volumes: options.values('--volume'),
      mounts: options.values('--mount'),
    },
    input.cwd,
    input.naming,
  );
  const shmSize = options.last('--shm-size');
  const shmBytes = shmSize === undefined ? undefined : parseAppleSize(shmSize);
  const networks = networkAttachments(input.id, options.values('--network'), input.networks);
  const dns = dnsConfiguration({
    disabled: options.has('--no-dns'),
    nameservers: options.values('--dns'),
    ...optional('domain', options.last('--dns-domain')),
    searchDomains: options.values('--dns-search'),
    options: options.values('--dns-option'),
  });
  return {
    id: input.id,
    image: {
      reference: image.reference,
      descriptor: { mediaType: INDEX_MEDIA_TYPE, digest: `sha256:${image.id}`, size: INDEX_SIZE },
    },
    mounts,
    publishedPorts: publishedPorts(options.values('--publish')),
    publishedSockets: publishedSockets(options.values('--publish-socket'), input.cwd),
    labels: labels(options.values('--label')),
    sysctls: {},
    networks,
    ...optional('dns', dns),
    // Rosetta runs amd64 images on Apple silicon automatically; --rosetta adds it to arm64 ones.
    rosetta: options.has('--rosetta') || platform.architecture === 'amd64',
    initProcess: process,
    platform,
    resources: {
      cpus: Number(options.last('--cpus') ?? DEFAULT_CPUS),
      memoryInBytes:
        memory === undefined || 'error' in memory ? DEFAULT_MEMORY : memoryBytes(memory.bytes),
      cpuOverhead: 1,
    },
    runtimeHandler: options.last('--runtime') ?? 'container-runtime-linux',
    virtualization: options.has('--virtualization'),
    ssh: options.has('--ssh'),
    readOnly: options.has('--read-only'),
    useInit: options.has('--init'),
    capAdd: normalizeCapabilities(options.values('--cap-add')),
    capDrop: normalizeCapabilities(options.values('--cap-drop')),
    ...optional(
      'shmSize',
      shmBytes === undefined || 'error' in shmBytes ? undefined : Math.floor(shmBytes.bytes),
    ),
    ...optional('stopSignal', image.config.StopSignal === '' ? undefined : image.config.StopSignal),
    ...optional('maskedPaths', pathOverrides(options.values('--masked-path'))),
    ...optional('readonlyPaths', pathOverrides(options.values('--read-only-path'))),
    creationDate: new Date().toISOString(),
  };
}
