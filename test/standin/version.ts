/**
 * Which Apple release the stand-in plays. HEAD (1.5.0) unless
 * CONTAINER_STANDIN_VERSION says otherwise; older releases change JSON shapes,
 * error wording and the flags the grammar accepts, and every such switch is
 * decided here so the rest of the code asks a question, not a version.
 */

export const HEAD_VERSION = '1.5.0';

type Triple = readonly [number, number, number];

/** The commit each release tag points at (`git rev-parse <tag>` in apple/container). */
const TAG_COMMITS: Readonly<Record<string, string>> = {
  '0.5.0': '48230f380499efecd663fdc6749a2cbaf2f8ed76',
  '0.6.0': 'a23bcf0061090c43f3835505f49f490a251818a1',
  '0.7.0': '1e19a4d6e32f567ce939e799c69f5a635299d65d',
  '0.7.1': '420be748f18afc685d11987ac5118c928e174c19',
  '0.8.0': 'a18df81eb0a7fa5e77c76e38fb3b3424846e3690',
  '0.9.0': '3e49dcef4e48121fb26a7e41f8730d7a81f5c3be',
  '0.10.0': '6bdb647b69671c037e2188558ed2e5ba49af2e1a',
  '0.11.0': 'd9b8a8d197c076a373ece871f3953de0d2a385a8',
  '0.12.0': '651811cc090937457956643dd2c454df77eb141b',
  '0.12.1': 'e9891b3cfe1f8c9d227859aa95375d99b32e11ac',
  '0.12.2': 'e9891b3cfe1f8c9d227859aa95375d99b32e11ac',
  '0.12.3': 'f9899013fd43dd058fdf89709eed0b0861bfd931',
  '1.0.0': 'ee848e3ebfd7c73b04dd419683be54fb450b8779',
  '1.1.0': '5973b9cc626a3e7a499bb316a958237ebe14e2ed',
  '1.2.0': '6e65319fe476ffe8db8ddaf828a537ed36fe2859',
  '1.2.1': '0d111be4c6322c3266601247473abd8e60c8f7d7',
  '1.2.2': '0190097d06df0b9065f4c2d2c7873c649d81d493',
  // Only the short commit of 1.5.0 is known (reference §1); 1.3.x and 1.4.1
  // were read from release notes, so they print `unspecified`.
  '1.5.0': 'd265d66',
};

function parse(text: string): Triple {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new Error(`CONTAINER_STANDIN_VERSION '${text}' is not a version such as 0.9.0`);
  }
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export class AppleVersion {
  readonly text: string;
  private readonly triple: Triple;

  constructor(text: string) {
    this.triple = parse(text);
    this.text = this.triple.join('.');
  }

  atLeast(other: string): boolean {
    const [a, b] = [this.triple, parse(other)];
    for (let i = 0; i < 3; i++) {
      if (a[i] !== b[i]) {
        return (a[i] ?? 0) > (b[i] ?? 0);
      }
    }
    return true;
  }

  /** `container --version`: keys in the parentheses are sorted, as Apple prints them. */
  versionLine(): string {
    // `--version` shortens the commit to 7 characters; `system version` does not.
    const commit = TAG_COMMITS[this.text]?.slice(0, 7) ?? 'unspecified';
    return `container CLI version ${this.text} (build: release, commit: ${commit})`;
  }

  /** The full commit Apple bakes into `system version` and `system status`. */
  fullCommit(): string {
    return TAG_COMMITS[this.text] ?? 'unspecified';
  }
}

export function versionFromEnv(env: NodeJS.ProcessEnv): AppleVersion {
  const text = env.CONTAINER_STANDIN_VERSION;
  return new AppleVersion(text === undefined || text === '' ? HEAD_VERSION : text);
}

/**
 * The API server's release while it has not been restarted since an upgrade
 * (client/server skew, reference §4.5): CONTAINER_STANDIN_SERVER_VERSION, or
 * the client's own release.
 */
export function serverVersionFromEnv(env: NodeJS.ProcessEnv, client: AppleVersion): AppleVersion {
  const text = env.CONTAINER_STANDIN_SERVER_VERSION;
  return text === undefined || text === '' ? client : new AppleVersion(text);
}

/** Behaviours that changed between releases (reference §1, §4, §5). */
export interface Era {
  /** 1.0: `{id, configuration, status{state,networks,startedDate}}`, sorted keys, ISO dates. */
  readonly jsonV1: boolean;
  /** 0.10: errors print their message only, not `code: "message"`. */
  readonly plainErrors: boolean;
  /** 0.10: `list --format json` honours `--all`; before, it printed every container. */
  readonly listJsonFiltered: boolean;
  /** 0.11: stop/delete of unknown IDs fail per ID (before: stop ignored them). */
  readonly perIdStopDelete: boolean;
  /** 1.0: `inspect nope` fails; before, it printed `[]` and exited 0. */
  readonly inspectFailsOnUnknown: boolean;
  /** 0.8: `startedDate` exists, the list table has a STARTED column. */
  readonly startedDate: boolean;
  /** 0.8: attachment keys `ipv4Address`/`ipv4Gateway` (before: `address`/`gateway`). */
  readonly ipv4Keys: boolean;
  /** 0.7: attachments carry `macAddress`. */
  readonly macAddress: boolean;
  /** 0.12: attachments carry `mtu`. */
  readonly attachmentMtu: boolean;
  /** 1.0: the list table's address column is IP (before: ADDR). */
  readonly ipColumn: boolean;
  /** 0.8: `readOnly` in the configuration. */
  readonly readOnlyKey: boolean;
  /** 0.10: `useInit` in the configuration. */
  readonly useInitKey: boolean;
  /** 0.12: `capAdd`/`capDrop` in the configuration. */
  readonly capsKeys: boolean;
  /** 0.10: the server refuses less than 200 MiB. */
  readonly memoryMinimum: boolean;
  /** 0.10: `system status --format`; before, free text. */
  readonly statusFormat: boolean;
  /** 1.4.1: `system status` JSON nests `client`, `server`, `host`, `paths`, `resources` (#1769). */
  readonly statusNested: boolean;
  /** Before 1.4.1 JSON escapes `/` as `\/` (#2205). */
  readonly escapedSlashes: boolean;
}

export function eraOf(version: AppleVersion): Era {
  return {
    jsonV1: version.atLeast('1.0.0'),
    plainErrors: version.atLeast('0.10.0'),
    listJsonFiltered: version.atLeast('0.10.0'),
    perIdStopDelete: version.atLeast('0.11.0'),
    inspectFailsOnUnknown: version.atLeast('1.0.0'),
    startedDate: version.atLeast('0.8.0'),
    ipv4Keys: version.atLeast('0.8.0'),
    macAddress: version.atLeast('0.7.0'),
    attachmentMtu: version.atLeast('0.12.0'),
    ipColumn: version.atLeast('1.0.0'),
    readOnlyKey: version.atLeast('0.8.0'),
    useInitKey: version.atLeast('0.10.0'),
    capsKeys: version.atLeast('0.12.0'),
    memoryMinimum: version.atLeast('0.10.0'),
    statusFormat: version.atLeast('0.10.0'),
    statusNested: version.atLeast('1.4.1'),
    escapedSlashes: !version.atLeast('1.4.1'),
  };
}
