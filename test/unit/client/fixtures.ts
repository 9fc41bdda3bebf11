/**
 * Canned `container` output of both eras, written from the reference's
 * examples (apple-container-cli.md §4): 1.x compact `list` JSON with sorted
 * keys and `\/` escapes, 1.x pretty `inspect` with Foundation's ` : `, and the
 * pre-1.0 shapes (string `status`, top-level `networks`, seconds since 2001).
 */
import { encodeLabelValue } from '../../../src/core/plan/labels';

export const METADATA = '[{"remoteUser":"vscode","containerEnv":{"A":"x=y"}}]';
export const ENCODED_METADATA = encodeLabelValue(METADATA);

/** §4.2's example, one running container, as `list --format json` prints it. */
export const LIST_1X_RUNNING =
  '[{"configuration":{"capAdd":[],"capDrop":[],"creationDate":"2026-08-07T10:00:00Z",' +
  '"dns":{"nameservers":[],"options":[],"searchDomains":[]},' +
  '"id":"devc-myproj","image":{"descriptor":{"digest":"sha256:ab12","mediaType":"application\\/vnd.oci.image.index.v1+json","size":9218},' +
  '"reference":"docker.io\\/library\\/ubuntu:24.04"},' +
  '"initProcess":{"arguments":["infinity"],"environment":["PATH=\\/usr\\/local\\/sbin:\\/usr\\/local\\/bin:\\/usr\\/sbin:\\/usr\\/bin:\\/sbin:\\/bin"],' +
  '"executable":"sleep","rlimits":[],"supplementalGroups":[],"terminal":false,"user":{"id":{"gid":0,"uid":0}},"workingDirectory":"\\/"},' +
  `"labels":{"devcontainer.local_folder":"\\/Users\\/me\\/proj","devcontainer.metadata":"${ENCODED_METADATA}"},` +
  '"mounts":[{"destination":"\\/workspaces\\/proj","options":[],"source":"\\/Users\\/me\\/proj","type":{"virtiofs":{}}}],' +
  '"networks":[{"network":"default","options":{"hostname":"devc-myproj","mtu":1280}}],' +
  '"platform":{"architecture":"arm64","os":"linux"},' +
  '"publishedPorts":[{"containerPort":3000,"count":1,"hostAddress":"127.0.0.1","hostPort":3000,"proto":"tcp"}],"publishedSockets":[],' +
  '"readOnly":false,"resources":{"cpuOverhead":1,"cpus":4,"memoryInBytes":1073741824},"rosetta":false,' +
  '"runtimeHandler":"container-runtime-linux","ssh":false,"sysctls":{},"useInit":false,"virtualization":false},' +
  '"id":"devc-myproj",' +
  '"status":{"networks":[{"hostname":"devc-myproj","ipv4Address":"192.168.64.5\\/24","ipv4Gateway":"192.168.64.1",' +
  '"macAddress":"f2:11:22:33:44:55","mtu":1280,"network":"default"}],"startedDate":"2026-08-07T10:00:02Z","state":"running"}}]\n';

/** A stopped amd64 container in 1.x: empty networks, no startedDate, a raw user. */
export const LIST_1X_STOPPED =
  '[{"configuration":{"id":"devc-old","image":{"reference":"docker.io\\/library\\/node:22"},' +
  '"initProcess":{"arguments":[],"environment":[],"executable":"sleep","user":{"raw":{"userString":"node"}},"workingDirectory":"\\/app"},' +
  '"labels":{},"platform":{"architecture":"amd64","os":"linux"},"publishedPorts":[],' +
  '"resources":{"cpus":2,"memoryInBytes":4294967296},"rosetta":true},' +
  '"id":"devc-old","status":{"networks":[],"state":"stopped"}}]';

/** The same running container as `inspect` prints it in 1.x: pretty, with ` : `. */
export const INSPECT_1X = JSON.stringify(JSON.parse(LIST_1X_RUNNING), null, 2).replace(
  /": /g,
  '" : ',
);

/** 2026-08-07T10:00:02Z as seconds since 2001-01-01T00:00:00Z. */
export const STARTED_2001_SECONDS = 807789602;

/** 0.8–0.12: `status` a string, `networks` at the top, `startedDate` a number, keys unsorted. */
export const LIST_0_8 =
  `[{"status":"running","configuration":{"id":"devc-myproj","image":{"reference":"docker.io/library/ubuntu:24.04","descriptor":{"digest":"sha256:ab12","mediaType":"application/vnd.oci.image.index.v1+json","size":9218}},` +
  `"platform":{"os":"linux","architecture":"arm64"},"resources":{"cpus":4,"memoryInBytes":1073741824},` +
  `"initProcess":{"executable":"sleep","arguments":["infinity"],"environment":["PATH=/usr/bin"],"workingDirectory":"/workspaces/proj","terminal":false,"user":{"raw":{"userString":"vscode"}},"supplementalGroups":[],"rlimits":[]},` +
  `"labels":{"devcontainer.metadata":"${ENCODED_METADATA}"},"publishedPorts":[],"rosetta":false},` +
  `"networks":[{"network":"default","hostname":"devc-myproj","ipv4Address":"192.168.64.7/24","ipv4Gateway":"192.168.64.1"}],` +
  `"startedDate":${STARTED_2001_SECONDS}},` +
  `{"status":"stopped","configuration":{"id":"devc-stopped","image":{"reference":"docker.io/library/alpine:latest"},"labels":{},"publishedPorts":[]},"networks":[]}]`;

/** 0.5–0.7: attachments say `address`/`gateway`; no `startedDate`. */
export const LIST_0_5 =
  '[{"status":"running","configuration":{"id":"legacy","image":{"reference":"docker.io/library/alpine:latest"},' +
  '"platform":{"os":"linux","architecture":"arm64"},"resources":{"cpus":4,"memoryInBytes":1073741824},' +
  '"initProcess":{"executable":"sh","arguments":[],"environment":[],"workingDirectory":"/","terminal":false,"user":{"id":{"uid":1000,"gid":1000}}},' +
  '"labels":{"plain":"value"},"publishedPorts":[{"hostAddress":"0.0.0.0","hostPort":8080,"containerPort":80,"proto":"udp"}]},' +
  '"networks":[{"network":"default","hostname":"legacy","address":"192.168.64.3/24","gateway":"192.168.64.1"}]}]';

/** 1.x `image inspect`: a multi-platform image with an attestation manifest. */
export const IMAGE_1X = JSON.stringify(
  [
    {
      id: 'f3a1',
      configuration: {
        name: 'mcr.microsoft.com/devcontainers/base:ubuntu',
        creationDate: '2026-08-01T00:00:00Z',
        descriptor: {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: 'sha256:f3a1',
          size: 1234,
        },
      },
      variants: [
        {
          platform: { os: 'linux', architecture: 'amd64' },
          digest: 'sha256:aa',
          size: 100,
          config: {
            architecture: 'amd64',
            os: 'linux',
            config: {
              User: 'root',
              Env: ['PATH=/usr/bin', 'ARCH=amd64'],
              Cmd: ['bash'],
              Labels: { 'devcontainer.metadata': METADATA, arch: 'amd64' },
            },
          },
        },
        {
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          digest: 'sha256:bb',
          size: 100,
          config: {
            architecture: 'arm64',
            os: 'linux',
            config: {
              User: 'vscode',
              Env: ['PATH=/usr/bin', 'ARCH=arm64'],
              Entrypoint: ['/bin/sh', '-c'],
              Cmd: ['bash'],
              WorkingDir: '/home/vscode',
              Labels: { 'devcontainer.metadata': METADATA, arch: 'arm64' },
            },
          },
        },
        { platform: { os: 'unknown', architecture: 'unknown' }, digest: 'sha256:cc', size: 10 },
      ],
    },
  ],
  null,
  2,
).replace(/": /g, '" : ');

/** 0.x `image inspect`: `{name, index, variants: [{platform, config, size}]}`. */
export const IMAGE_0X = JSON.stringify([
  {
    name: 'docker.io/library/alpine:latest',
    index: { mediaType: 'application/vnd.oci.image.index.v1+json', digest: 'sha256:dd', size: 9 },
    variants: [
      {
        platform: { os: 'linux', architecture: 'arm64' },
        size: 42,
        config: {
          architecture: 'arm64',
          os: 'linux',
          config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'] },
        },
      },
    ],
  },
]);

export const STATUS_JSON_RUNNING =
  '{"apiServerAppName":"container-apiserver","apiServerBuild":"release","apiServerCommit":"0190097abcdef",' +
  '"apiServerVersion":"container-apiserver version 1.2.2 (build: release, commit: 0190097)",' +
  '"appRoot":"\\/Users\\/me\\/Library\\/Application Support\\/com.apple.container\\/","installRoot":"\\/usr\\/local\\/","status":"running"}\n';

/** 1.4.1+ (#1769): nested, and `/` no longer escaped (#2205). */
export const STATUS_JSON_141_RUNNING =
  '{"client":{"appName":"container","build":"release","commit":"d265d66aa","version":"1.5.0"},' +
  '"host":{"architecture":"arm64","cpus":16,"operatingSystem":"Version 27.0.1 (Build 26A434)"},' +
  '"paths":{"appRoot":"/Users/me/Library/Application Support/com.apple.container/","installRoot":"/usr/local/"},' +
  '"resources":{"containersRunning":3,"containersTotal":3,"images":3},' +
  '"server":{"appName":"container-apiserver","build":"release","commit":"d265d66aa","version":"1.5.0"},' +
  '"status":"running"}\n';

/** 1.4.1+ skew: a 1.5.0 client behind a 1.0.0 server that was never restarted. */
export const STATUS_JSON_141_SKEW = STATUS_JSON_141_RUNNING.replace(
  '"server":{"appName":"container-apiserver","build":"release","commit":"d265d66aa","version":"1.5.0"}',
  '"server":{"appName":"container-apiserver","build":"release","commit":"ee848e3","version":"container-apiserver version 1.0.0 (build: release, commit: ee848e3)"}',
);

export const STATUS_JSON_UNREGISTERED =
  '{"apiServerAppName":"","apiServerBuild":"","apiServerCommit":"","apiServerVersion":"","appRoot":"","installRoot":"","status":"unregistered"}\n';

export const STATUS_JSON_NOT_RUNNING =
  '{"apiServerAppName":"","apiServerBuild":"","apiServerCommit":"","apiServerVersion":"","appRoot":"","installRoot":"","status":"not running"}\n';

export const STATUS_TABLE_RUNNING = [
  'FIELD              VALUE',
  'status             running',
  'appRoot            /Users/me/Library/Application Support/com.apple.container/',
  'installRoot        /usr/local/',
  'logRoot',
  'apiserver.version  container-apiserver version 1.2.2 (build: release, commit: 0190097)',
  'apiserver.commit   0190097abcdef',
  'apiserver.build    release',
  'apiserver.appName  container-apiserver',
  '',
].join('\n');

export const STATUS_TEXT_0X_RUNNING =
  'apiserver is running\napplication data root: /Users/me/Library/Application Support/com.apple.container/\n' +
  'application install root: /usr/local/\ncontainer-apiserver version 0.9.0 (build: release, commit: 1234567)\n';

export const STATUS_TEXT_UNREGISTERED =
  'apiserver is not running and not registered with launchd\n';

export const STATUS_TEXT_NOT_RUNNING = 'apiserver is not running\n';

export const STATS_JSON =
  '[{"blockReadBytes":1024,"blockWriteBytes":2048,"cpuUsageUsec":123456,"id":"devc-myproj","memoryLimitBytes":1073741824,' +
  '"memoryUsageBytes":47448064,"networkRxBytes":1,"networkTxBytes":2,"numProcesses":3},{"id":"sparse"}]';

/** Apple's stderr, both formats (reference §5). */
export const STDERR = {
  xpcRun:
    'Error: interrupted: "XPC connection error: Connection invalid"\nEnsure container system service has been started with `container system start`.\n',
  xpcList:
    'Error: internalError: "failed to list containers" (cause: "interrupted: "XPC connection error: Connection invalid"")\n' +
    'Ensure container system service has been started with `container system start`.\n',
  xpcSystemStart:
    'Error: internalError: "failed to get a response from apiserver: interrupted: "XPC connection error: Connection invalid""\n' +
    'Ensure container system service has been started with `container system start`.\n',
  registry404:
    'Error: HTTP request to https://registry-1.docker.io/v2/library/nosuchimage/manifests/latest failed with response: 404 Not Found. Reason: manifest unknown\n',
  registry401:
    'Error: unknown: "HTTP request to https://registry-1.docker.io/v2/me/private/manifests/1.0 failed with response: 401 Unauthorized. Reason: access denied or wrong credentials"\n',
  imageInspectMissing: 'Error: image not found: docker.io/library/nope:latest\n',
  nameConflict10: 'Error: container with id devc-myproj already exists\n',
  nameConflict05: 'Error: exists: "container with id devc-myproj already exists"\n',
  createConflict: 'Error: container already exists: devc-myproj\n',
  hostnameConflict: 'Error: hostname(s) already exist: ["devc-myproj"]\n',
  inspectMissing: 'Error: container not found: nope\n',
  stopMissing:
    'Error: internalError: "failed to stop container" (cause: "notFound: "container with ID nope not found"")\n',
  startMissing: 'Error: container nope not found\n',
  statsMissing: 'Error: no such container: nope\n',
  execStopped: 'Error: container devc-myproj is not running\n',
  execStopped05: 'Error: invalidState: "container devc-myproj is not running"\n',
  deleteRunning:
    'Error: failed to delete one or more containers: ["devc-myproj": internalError: "container devc-myproj is running and can not be deleted"]\n',
  unknownOption:
    "Error: Unknown option '--privileged'\nUsage: container run [<options>] <image> [<arguments> ...]\n  See 'container run --help' for more information.\n",
  rosetta:
    'Error: `container` is currently running under Rosetta Translation, which is not supported.\n',
  memory: 'Error: minimum memory amount allowed is 200 MiB (got 1048576 bytes)\n',
  debugWarning: 'Warning! Running debug build. Performance may be degraded.\n',
} as const;
