/**
 * Docker's `run`/`create` options, as devcontainer.json `runArgs` and
 * `build.options` use them, and a parser for them. Knowing every Docker flag
 * and whether it takes a value is what lets Slipway read `runArgs` reliably:
 * an unknown flag could swallow the next argument or not.
 */

export interface DockerFlag {
  /** The canonical long name, e.g. `--env`. */
  name: string;
  takesValue: boolean;
}

function flags(takesValue: boolean, names: string): Array<[string, DockerFlag]> {
  return names
    .split(/\s+/)
    .filter((n) => n !== '')
    .map((name) => [name, { name, takesValue }]);
}

/** `docker run --help` (Docker 28), long names. */
const RUN_LONG = new Map<string, DockerFlag>([
  ...flags(
    false,
    `--detach --interactive --tty --init --privileged --publish-all --read-only --rm
     --no-healthcheck --oom-kill-disable --sig-proxy --disable-content-trust --quiet --use-api-socket`,
  ),
  ...flags(
    true,
    `--add-host --annotation --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop
     --cgroup-parent --cgroupns --cidfile --cpu-count --cpu-percent --cpu-period --cpu-quota
     --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpus --cpuset-cpus --cpuset-mems --detach-keys
     --device --device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps
     --device-write-iops --dns --dns-option --dns-opt --dns-search --domainname --entrypoint --env
     --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries
     --health-start-interval --health-start-period --health-timeout --hostname --io-maxbandwidth
     --io-maxiops --ip --ip6 --ipc --isolation --kernel-memory --label --label-file --link
     --link-local-ip --log-driver --log-opt --mac-address --memory --memory-reservation --memory-swap
     --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj
     --pid --pids-limit --platform --publish --pull --restart --runtime --security-opt --shm-size
     --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit --user --userns --uts
     --volume --volume-driver --volumes-from --workdir --arch`,
  ),
]);

/** Docker's one-letter options. `-c` is `--cpu-shares` and `-a` is `--attach` in Docker, unlike Apple. */
const RUN_SHORT: Record<string, string> = {
  a: '--attach',
  c: '--cpu-shares',
  d: '--detach',
  e: '--env',
  h: '--hostname',
  i: '--interactive',
  l: '--label',
  m: '--memory',
  p: '--publish',
  P: '--publish-all',
  q: '--quiet',
  t: '--tty',
  u: '--user',
  v: '--volume',
  w: '--workdir',
};

/** `docker build --help` (buildx), long names. */
const BUILD_LONG = new Map<string, DockerFlag>([
  ...flags(false, `--no-cache --pull --load --push --quiet --check --call-check`),
  ...flags(
    true,
    `--add-host --allow --annotation --attest --build-arg --build-context --builder --cache-from
     --cache-to --call --cgroup-parent --file --iidfile --label --metadata-file --network
     --no-cache-filter --output --platform --progress --provenance --sbom --secret --shm-size --ssh
     --tag --target --ulimit --memory --memory-swap --cpu-shares --cpu-period --cpu-quota
     --cpuset-cpus --cpuset-mems --isolation --security-opt --squash --arch`,
  ),
]);

const BUILD_SHORT: Record<string, string> = {
  f: '--file',
  o: '--output',
  q: '--quiet',
  t: '--tag',
  m: '--memory',
  c: '--cpu-shares',
};

export interface ParsedDockerArg {
  /** Canonical long name, or the token itself for flags Slipway does not know. */
  name: string;
  /** The value, for flags that take one. For booleans written `--x=false`, `"false"`. */
  value?: string;
  known: boolean;
  /** Whether Docker's flag takes a value (false for booleans and unknown flags). */
  takesValue: boolean;
  /** Index of the flag's first token in the argument list. */
  index: number;
}

export interface DockerFlagSet {
  long: ReadonlyMap<string, DockerFlag>;
  short: Readonly<Record<string, string>>;
}

export const DOCKER_RUN_FLAGS: DockerFlagSet = { long: RUN_LONG, short: RUN_SHORT };
export const DOCKER_BUILD_FLAGS: DockerFlagSet = { long: BUILD_LONG, short: BUILD_SHORT };

function parseLong(
  args: readonly string[],
  index: number,
  set: DockerFlagSet,
): [ParsedDockerArg, number] {
  const token = args[index] ?? '';
  const equals = token.indexOf('=');
  const name = equals < 0 ? token : token.slice(0, equals);
  const inline = equals < 0 ? undefined : token.slice(equals + 1);
  const flag = set.long.get(name);
  if (flag === undefined) {
    // Unknown: assume a following non-option token is its value, so that
    // dropping the flag drops its value too instead of leaving a stray word.
    const next = args[index + 1];
    if (inline === undefined && next !== undefined && !next.startsWith('-')) {
      return [{ name, value: next, known: false, takesValue: false, index }, index + 2];
    }
    return [{ name, value: inline, known: false, takesValue: false, index }, index + 1];
  }
  if (!flag.takesValue || inline !== undefined) {
    return [
      { name: flag.name, value: inline, known: true, takesValue: flag.takesValue, index },
      index + 1,
    ];
  }
  return [
    { name: flag.name, value: args[index + 1], known: true, takesValue: true, index },
    index + 2,
  ];
}

function parseShort(
  args: readonly string[],
  index: number,
  set: DockerFlagSet,
): [ParsedDockerArg[], number] {
  const token = args[index] ?? '';
  const parsed: ParsedDockerArg[] = [];
  for (let i = 1; i < token.length; i++) {
    const letter = token[i] ?? '';
    const long = set.short[letter];
    const flag = long === undefined ? undefined : set.long.get(long);
    if (flag === undefined) {
      parsed.push({ name: `-${letter}`, known: false, takesValue: false, index });
      return [parsed, index + 1];
    }
    if (!flag.takesValue) {
      parsed.push({ name: flag.name, known: true, takesValue: false, index });
      continue;
    }
    // `-eFOO=bar` and `-e=FOO=bar` carry the value in the token; `-e FOO=bar` in the next one.
    const rest = token.slice(i + 1).replace(/^=/, '');
    if (rest !== '') {
      parsed.push({ name: flag.name, value: rest, known: true, takesValue: true, index });
      return [parsed, index + 1];
    }
    parsed.push({ name: flag.name, value: args[index + 1], known: true, takesValue: true, index });
    return [parsed, index + 2];
  }
  return [parsed, index + 1];
}

/**
 * Parses Docker options. Non-option words are returned as positionals: in
 * `runArgs` there should be none (Docker puts the image after them).
 */
export function parseDockerArgs(
  args: readonly string[],
  set: DockerFlagSet,
): { flags: ParsedDockerArg[]; positionals: Array<{ value: string; index: number }> } {
  const parsed: ParsedDockerArg[] = [];
  const positionals: Array<{ value: string; index: number }> = [];
  let index = 0;
  while (index < args.length) {
    const token = args[index] ?? '';
    if (token.startsWith('--') && token.length > 2) {
      const [flag, next] = parseLong(args, index, set);
      parsed.push(flag);
      index = next;
    } else if (token.startsWith('-') && token.length > 1 && token !== '--') {
      const [flagsFound, next] = parseShort(args, index, set);
      parsed.push(...flagsFound);
      index = next;
    } else {
      positionals.push({ value: token, index });
      index++;
    }
  }
  return { flags: parsed, positionals };
}

/** Whether a boolean flag is on: present, or `=true`/`=1`. */
export function isOn(flag: ParsedDockerArg): boolean {
  return flag.value === undefined || ['true', '1'].includes(flag.value.toLowerCase());
}
