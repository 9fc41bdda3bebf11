/**
 * The checks a publisher runs before `vsce publish` / `ovsx publish`, as pure
 * functions over what releaseCheck.ts reads, so each rule is unit-tested
 * (test/unit/release/checks.test.ts). Each returns the problems it found, as
 * sentences that say what to fix; an empty list passes.
 */

/** The Marketplace's fixed category list (vsce rejects anything else). */
export const MARKETPLACE_CATEGORIES: readonly string[] = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
];

/** What a Mac user types into the Marketplace or Open VSX search box. */
export const SEARCH_TERMS: readonly string[] = ['apple container', 'dev containers', 'mac'];

/** The `.vsix` budget from issue 15. */
export const VSIX_BUDGET_BYTES = 300 * 1024;

/** Files the packaged extension may hold, relative to the extension root. */
const ALLOWED_FILES: readonly RegExp[] = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/extension\.js$/,
  /^dist\/cli\.js$/,
  /^media\/[\w./-]+\.(svg|png|md)$/,
];

type Json = Record<string, unknown>;

function field(manifest: Json, dotted: string): unknown {
  let value: unknown = manifest;
  for (const key of dotted.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Json)[key] : (undefined as unknown);
  }
  return value;
}

/** The manifest fields the Marketplace and Open VSX require or show. */
export function checkManifest(manifest: Json): string[] {
  const problems: string[] = [];
  for (const name of [
    'name',
    'displayName',
    'description',
    'version',
    'publisher',
    'license',
    'icon',
    'homepage',
    'repository.url',
    'bugs.url',
    'galleryBanner.color',
    'galleryBanner.theme',
    'engines.vscode',
  ]) {
    const value = field(manifest, name);
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`package.json: "${name}" is missing or empty.`);
    }
  }
  const version = field(manifest, 'version');
  if (typeof version === 'string' && !/^\d+\.\d+\.\d+$/.test(version)) {
    // The Marketplace takes only major.minor.patch (pre-releases are a flag, not a suffix).
    problems.push(`package.json: "version" ${version} is not major.minor.patch.`);
  }
  const icon = field(manifest, 'icon');
  if (typeof icon === 'string' && !icon.endsWith('.png')) {
    problems.push(`package.json: "icon" ${icon} must be a PNG (the Marketplace refuses SVG).`);
  }
  const theme = field(manifest, 'galleryBanner.theme');
  if (theme !== undefined && theme !== 'dark' && theme !== 'light') {
    problems.push(`package.json: "galleryBanner.theme" must be "dark" or "light".`);
  }
  for (const name of ['homepage', 'repository.url', 'bugs.url']) {
    const value = field(manifest, name);
    if (typeof value === 'string' && !value.startsWith('https://')) {
      problems.push(`package.json: "${name}" ${value} is not an https:// address.`);
    }
  }
  const categories = field(manifest, 'categories');
  if (!Array.isArray(categories) || categories.length === 0) {
    problems.push('package.json: "categories" is missing or empty.');
  } else {
    for (const category of categories) {
      if (typeof category !== 'string' || !MARKETPLACE_CATEGORIES.includes(category)) {
        problems.push(
          `package.json: category ${JSON.stringify(category)} is not a Marketplace one.`,
        );
      }
    }
  }
  const keywords = field(manifest, 'keywords');
  const words = Array.isArray(keywords) ? keywords.filter((k) => typeof k === 'string') : [];
  if (words.length > 30) {
    problems.push(`package.json: ${words.length} keywords; the Marketplace takes at most 30.`);
  }
  const searchable = [field(manifest, 'displayName'), field(manifest, 'description'), ...words]
    .filter((text): text is string => typeof text === 'string')
    .join(' ')
    .toLowerCase();
  for (const term of SEARCH_TERMS) {
    if (!searchable.includes(term)) {
      problems.push(`package.json: a search for "${term}" would not find Slipway: add a keyword.`);
    }
  }
  return problems;
}

/** Width and height from a PNG's IHDR chunk, or undefined when it is no PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) {
    return undefined;
  }
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  if (ihdr !== 'IHDR') {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function checkIcon(path: string, bytes: Uint8Array): string[] {
  const size = pngSize(bytes);
  if (size === undefined) {
    return [`${path} is not a PNG file.`];
  }
  if (size.width !== 128 || size.height !== 128) {
    return [`${path} is ${size.width}x${size.height}; the Marketplace icon must be 128x128.`];
  }
  return [];
}

/** `## 1.2.3`, `## [1.2.3]`, `## [1.2.3] - 2026-12-04`, `## Unreleased`, … */
function changelogSections(changelog: string): Map<string, string> {
  const sections = new Map<string, string>();
  const headings = [...changelog.matchAll(/^## +\[?([^\]\s]+)\]?.*$/gm)];
  headings.forEach((heading, i) => {
    const start = (heading.index ?? 0) + heading[0].length;
    const end = headings[i + 1]?.index ?? changelog.length;
    sections.set(heading[1]!.toLowerCase(), changelog.slice(start, end));
  });
  return sections;
}

/**
 * The CHANGELOG must describe the version being released. Before the release
 * commit, the lines for it sit under `## Unreleased` (where every change adds
 * its line), so that is accepted unless `publish` is set: the publisher renames
 * `## Unreleased` to `## <version> - <date>` in the release commit, and
 * `release:check --publish` then insists on that heading.
 */
export function checkChangelog(changelog: string, version: string, publish: boolean): string[] {
  const sections = changelogSections(changelog);
  const released = sections.get(version);
  if (released !== undefined) {
    return /^\s*[-*] /m.test(released)
      ? []
      : [`CHANGELOG.md: the section for ${version} lists no changes.`];
  }
  if (publish) {
    return [
      `CHANGELOG.md has no "## ${version}" section: rename "## Unreleased" to "## ${version} - <date>" in the release commit.`,
    ];
  }
  const unreleased = sections.get('unreleased');
  if (unreleased === undefined || !/^\s*[-*] /m.test(unreleased)) {
    return [
      `CHANGELOG.md has neither a "## ${version}" section nor entries under "## Unreleased".`,
    ];
  }
  return [];
}

/**
 * A production bundle is minified and carries no source map (a map would ship
 * the sources and double the size). Minified esbuild output averages hundreds
 * of characters a line; a development build about 35.
 */
export function checkBundle(path: string, text: string): string[] {
  const problems: string[] = [];
  if (/^\/\/# sourceMappingURL=/m.test(text)) {
    problems.push(`${path} has a source map: build it with npm run build:production.`);
  }
  const lines = text.split('\n').length;
  if (text.length / lines < 200) {
    problems.push(`${path} is not minified: build it with npm run build:production.`);
  }
  return problems;
}

/** The packaged file list (`vsce ls`): only what the extension needs at run time. */
export function checkFileList(files: readonly string[]): string[] {
  const problems = files
    .filter((file) => !ALLOWED_FILES.some((allowed) => allowed.test(file)))
    .map((file) => `The .vsix would ship ${file}: keep it out with .vscodeignore.`);
  for (const needed of ['package.json', 'README.md', 'dist/extension.js', 'dist/cli.js']) {
    if (!files.includes(needed)) {
      problems.push(`The .vsix would not ship ${needed}.`);
    }
  }
  return problems;
}

export function checkVsix(fileName: string, bytes: number, manifest: Json): string[] {
  const problems: string[] = [];
  const expected = `${String(manifest.name)}-${String(manifest.version)}.vsix`;
  if (fileName !== expected) {
    problems.push(`The package is named ${fileName}; expected ${expected}.`);
  }
  if (bytes > VSIX_BUDGET_BYTES) {
    problems.push(
      `${fileName} is ${(bytes / 1024).toFixed(1)} KB, over the ${VSIX_BUDGET_BYTES / 1024} KB budget.`,
    );
  }
  return problems;
}

/** `slipway --version` of the bundled CLI must print the manifest's version. */
export function checkCliVersion(output: string, version: string): string[] {
  return output.trim() === `slipway ${version}`
    ? []
    : [`dist/cli.js --version printed "${output.trim()}", expected "slipway ${version}".`];
}

/** The README's requirements must match what the code requires. */
export function checkReadme(readme: string, minimumContainer: string): string[] {
  // Prettier wraps prose, so compare with every run of white space as one space.
  const top = readme.slice(0, 4000).replace(/\s+/g, ' ');
  const problems: string[] = [];
  for (const needed of ['macOS 26', 'Apple silicon', minimumContainer, 'Remote - SSH']) {
    if (!top.includes(needed)) {
      problems.push(`README.md: the top (requirements) does not mention "${needed}".`);
    }
  }
  if (!/!\[[^\]]*\]\([^)]+\.png\)/.test(top)) {
    problems.push('README.md: the top has no screenshot.');
  }
  return problems;
}
