/**
 * What a Compose plan says beyond the commands: the project, its services in
 * start order with their resources and ports, what the engine must wait for
 * and which hosts entries it keeps up to date.
 */

export type DependsCondition =
  'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface ComposeDependency {
  service: string;
  condition: DependsCondition;
  required: boolean;
}

/** A healthcheck as the engine runs it: `container exec <container> <argv>`, Compose's defaults filled in. */
export interface HealthProbe {
  argv: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
}

export interface ComposeServicePlan {
  name: string;
  containerName: string;
  role: 'primary' | 'dependency';
  image: string;
  dependsOn: ComposeDependency[];
  cpus: number;
  memory: string;
  memoryBytes: number;
  /** Where the CPUs and memory came from: `compose`, `setting`, `default`, ... */
  resourcesFrom: string;
  /** Published ports, as given to Apple's `-p`. */
  ports: string[];
  /** Apple networks, the first one primary. Empty: Apple's default network. */
  networks: string[];
  /** Names other services find it by (service name, aliases, links). */
  hostNames: string[];
  healthcheck?: HealthProbe;
  /**
   * `network_mode: service:<name>`: the TCP ports declared on each side
   * (`ports`, `expose`; `forwardPorts` as `<name>:<port>`). The engine adds
   * what each side listens on once started and bridges both ways.
   */
  sharesNetworkWith?: { service: string; ports: number[]; ownPorts: number[] };
  /** `stop_grace_period`, for `container stop -t`. */
  stopTimeoutSeconds?: number;
  /** True for a one-shot run to completion (`service_completed_successfully` of a dependent). */
  runToCompletion: boolean;
}

export interface ComposeNetworkPlan {
  /** The key under `networks:`. */
  key: string;
  name: string;
  external: boolean;
}

export interface ComposeVolumePlan {
  key: string;
  name: string;
  external: boolean;
  anonymous: boolean;
}

export interface ComposePlan {
  project: string;
  files: string[];
  primaryService: string;
  /** In start order. */
  services: ComposeServicePlan[];
  networks: ComposeNetworkPlan[];
  volumes: ComposeVolumePlan[];
  totalMemoryBytes: number;
  /** The managed block written into each container's /etc/hosts, `{{ip:<container>}}` for addresses. */
  hosts: Record<string, string[]>;
  /** `dockerfile_inline` texts by service: written to `{{slipway-inline-dockerfile}}/<service>.Dockerfile`. */
  inlineDockerfiles: Record<string, string>;
  /** The registered DNS domain the containers are named under (`<service>.<project>.<domain>`). */
  dnsDomain?: string;
  /** `service_healthy` and friends are waited on within this many ms per dependency. */
  healthWaitLimitMs: number;
}
