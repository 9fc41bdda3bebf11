/**
 * Apple's container configuration (ContainerResource.ContainerConfiguration at
 * 1.2.2), kept in the stand-in's records in its newest shape. Renderers derive
 * every older shape from it. Field order follows Apple's CodingKeys, which is
 * also the order unsorted (pre-1.0) JSON is written in.
 */

export type MountType =
  | { readonly virtiofs: Record<string, never> }
  | { readonly tmpfs: Record<string, never> }
  | {
      readonly volume: {
        readonly name: string;
        readonly format: string;
        readonly cache: { readonly on: Record<string, never> };
        readonly sync: { readonly fsync: Record<string, never> };
      };
    };

export interface AppleMount {
  readonly type: MountType;
  readonly source: string;
  readonly destination: string;
  readonly options: readonly string[];
}

export interface PublishedPort {
  readonly hostAddress: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly proto: 'tcp' | 'udp';
  readonly count: number;
}

export interface PublishedSocket {
  readonly containerPath: string;
  readonly hostPath: string;
}

export interface AttachmentConfiguration {
  readonly network: string;
  readonly options: {
    readonly hostname: string;
    readonly macAddress?: string;
    readonly mtu?: number;
  };
}

export interface DnsConfiguration {
  readonly nameservers: readonly string[];
  readonly domain?: string;
  readonly searchDomains: readonly string[];
  readonly options: readonly string[];
}

export type ProcessUser =
  | { readonly id: { readonly uid: number; readonly gid: number } }
  | { readonly raw: { readonly userString: string } };

export interface Rlimit {
  readonly limit: string;
  /** Decimal digits: UInt64.max does not fit a JavaScript number. */
  readonly soft: string;
  readonly hard: string;
}

export interface ProcessConfiguration {
  readonly executable: string;
  readonly arguments: readonly string[];
  readonly environment: readonly string[];
  readonly workingDirectory: string;
  readonly terminal: boolean;
  readonly user: ProcessUser;
  readonly supplementalGroups: readonly number[];
  readonly rlimits: readonly Rlimit[];
}

export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

export interface ImageDescription {
  readonly reference: string;
  readonly descriptor: {
    readonly mediaType: string;
    readonly digest: string;
    readonly size: number;
  };
}

export interface AppleConfiguration {
  readonly id: string;
  readonly image: ImageDescription;
  readonly mounts: readonly AppleMount[];
  readonly publishedPorts: readonly PublishedPort[];
  readonly publishedSockets: readonly PublishedSocket[];
  readonly labels: Readonly<Record<string, string>>;
  readonly sysctls: Readonly<Record<string, string>>;
  readonly networks: readonly AttachmentConfiguration[];
  readonly dns?: DnsConfiguration;
  readonly rosetta: boolean;
  readonly initProcess: ProcessConfiguration;
  readonly platform: Platform;
  readonly resources: {
    readonly cpus: number;
    readonly memoryInBytes: number;
    readonly cpuOverhead: number;
  };
  readonly runtimeHandler: string;
  readonly virtualization: boolean;
  readonly ssh: boolean;
  readonly readOnly: boolean;
  readonly useInit: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly shmSize?: number;
  readonly stopSignal?: string;
  readonly maskedPaths?: readonly string[];
  readonly readonlyPaths?: readonly string[];
  /** ISO 8601 with milliseconds; rendered without them, as Apple's .iso8601 strategy does. */
  readonly creationDate: string;
}

/** A running container's place on one network, as Apple's Attachment reports it. */
export interface RuntimeAttachment {
  readonly network: string;
  /** CIDR form, `192.168.64.3/24`. */
  readonly ipv4Address: string;
  readonly ipv4Gateway: string;
  readonly macAddress: string;
}

export type RuntimeState = 'running' | 'stopped' | 'stopping' | 'unknown';

/** How the stand-in realises the container on podman. */
export interface PodmanPlan {
  /** `podman create` and its options, up to (not including) the image. */
  readonly createArgs: readonly string[];
  /** The local podman image the Apple reference resolved to. */
  readonly image: string;
}

/** One file per container under the state folder. */
export interface ContainerRecord {
  readonly schema: 1;
  readonly configuration: AppleConfiguration;
  /** podman's name for it; absent for the builder, which has no podman container. */
  readonly podmanName?: string;
  readonly podman?: PodmanPlan;
  /** `--rm`: delete once it stops. */
  readonly autoRemove: boolean;
  /** What the stand-in last made of it; podman's view wins when they differ. */
  state: 'running' | 'stopped';
  /** ISO 8601 with milliseconds, set at each start. */
  startedDate?: string;
  /** Its address on each network while running (Apple's status.networks). */
  attachments?: RuntimeAttachment[];
  /** Set while `container stop` waits, so that list shows `stopping`. */
  stopping?: boolean;
  /**
   * The stand-in process attached to this container's process (run/start
   * without -d). While it lives it owns the record: it marks the container
   * stopped, and removes a `--rm` one, once the process ends.
   */
  attachedPid?: number;
}

/** A container as commands see it: its record and its live state. */
export interface Snapshot {
  readonly record: ContainerRecord;
  readonly state: RuntimeState;
}
