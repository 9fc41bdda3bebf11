import { ConfigError } from '../errors';
import { isRecord } from '../json/read';

/**
 * Type checks for devcontainer.json, following the spec's schema
 * (devContainer.base.schema.json) property by property, so that a wrong type
 * is reported at the value that has it instead of failing somewhere later.
 *
 * Deliberately lenient where the schema is strict but nothing breaks:
 * unknown properties are fine (VS Code's own schema validation flags them),
 * mount `type` may be any string, `secrets` key names are not checked, and a
 * string holding a `${...}` variable skips format checks (enums, patterns),
 * because substitution may still make it valid.
 */

export type JsonPath = ReadonlyArray<string | number>;

export interface ConfigIssue {
  /** The path of the offending value. */
  path: Array<string | number>;
  message: string;
}

type Check = (value: unknown, at: JsonPath, issues: ConfigIssue[]) => void;

const PLACEHOLDER = /\$\{[^}]*\}/;
const HOST_PORT = /^([a-z0-9-]+):(\d{1,5})$/;
const SIZE = /^\d+([tgmk]b)?$/;

// One definition of "a JSON object" for config files and for outside JSON alike.
export { isRecord };

/** `runArgs[2]`, `build.args.FOO`, `features["ghcr.io/x/y:1"]`. */
export function displayPath(jsonPath: JsonPath): string {
  let text = '';
  for (const segment of jsonPath) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$]*$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += text === '' ? JSON.stringify(segment) : `[${JSON.stringify(segment)}]`;
    }
  }
  return text;
}

/** The kind of a value, for "must be X, not <kind>". */
export function kindOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** The value itself, for messages about a value of the right type but wrong form. */
function shown(value: string | number): string {
  if (typeof value === 'number') {
    return String(value);
  }
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function problem(issues: ConfigIssue[], at: JsonPath, message: string): void {
  issues.push({ path: [...at], message });
}

function wrongType(issues: ConfigIssue[], at: JsonPath, expected: string, value: unknown): void {
  problem(issues, at, `"${displayPath(at)}" must be ${expected}, not ${kindOf(value)}`);
}

const string: Check = (value, at, issues) => {
  if (typeof value !== 'string') {
    wrongType(issues, at, 'a string', value);
  }
};

const boolean: Check = (value, at, issues) => {
  if (typeof value !== 'boolean') {
    wrongType(issues, at, 'true or false', value);
  }
};

const object: Check = (value, at, issues) => {
  if (!isRecord(value)) {
    wrongType(issues, at, 'an object', value);
  }
};

function arrayOf(item: Check, expected: string): Check {
  return (value, at, issues) => {
    if (!Array.isArray(value)) {
      wrongType(issues, at, expected, value);
      return;
    }
    value.forEach((element, index) => item(element, [...at, index], issues));
  };
}

const stringArray = arrayOf(string, 'an array of strings');

function stringOrStringArray(expected = 'a string or an array of strings'): Check {
  return (value, at, issues) => {
    if (typeof value === 'string') {
      return;
    }
    if (!Array.isArray(value)) {
      wrongType(issues, at, expected, value);
      return;
    }
    stringArray(value, at, issues);
  };
}

/** An object whose values all pass `entry`. */
function mapOf(entry: Check, expected: string): Check {
  return (value, at, issues) => {
    if (!isRecord(value)) {
      wrongType(issues, at, expected, value);
      return;
    }
    for (const [key, member] of Object.entries(value)) {
      entry(member, [...at, key], issues);
    }
  };
}

/** An object with known members; other members are left alone. */
function shape(members: Record<string, Check>, expected = 'an object'): Check {
  return (value, at, issues) => {
    if (!isRecord(value)) {
      wrongType(issues, at, expected, value);
      return;
    }
    checkMembers(value, members, at, issues);
  };
}

function checkMembers(
  value: Record<string, unknown>,
  members: Record<string, Check>,
  at: JsonPath,
  issues: ConfigIssue[],
): void {
  for (const [key, member] of Object.entries(value)) {
    const check = Object.hasOwn(members, key) ? members[key] : undefined;
    check?.(member, [...at, key], issues);
  }
}

function oneOf(values: readonly string[]): Check {
  const listed = values.map((v) => `"${v}"`).join(', ');
  return (value, at, issues) => {
    if (typeof value !== 'string') {
      wrongType(issues, at, `one of ${listed}`, value);
    } else if (!values.includes(value) && !PLACEHOLDER.test(value)) {
      problem(issues, at, `"${displayPath(at)}" must be one of ${listed}, not ${shown(value)}`);
    }
  };
}

function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

function portNumber(value: number, at: JsonPath, issues: ConfigIssue[]): void {
  if (!isPortNumber(value)) {
    problem(
      issues,
      at,
      `"${displayPath(at)}" must be a whole port number from 1 to 65535, not ${shown(value)}`,
    );
  }
}

const forwardPort: Check = (value, at, issues) => {
  if (typeof value === 'number') {
    portNumber(value, at, issues);
    return;
  }
  if (typeof value !== 'string') {
    wrongType(issues, at, 'a port number or a "host:port" string', value);
    return;
  }
  if (PLACEHOLDER.test(value)) {
    return;
  }
  const match = HOST_PORT.exec(value);
  const name = displayPath(at);
  if (match === null) {
    const hint = /^\d+$/.test(value)
      ? `write the port number without quotes: ${value}`
      : 'host names use lowercase letters, digits and dashes, as in "db:5432"';
    problem(
      issues,
      at,
      `"${name}" must be a port number or a "host:port" string, not ${shown(value)}; ${hint}`,
    );
  } else if (!isPortNumber(Number(match[2]))) {
    problem(issues, at, `"${name}" has port ${match[2]}; ports go from 1 to 65535`);
  }
};

const forwardPorts = arrayOf(forwardPort, 'an array of port numbers or "host:port" strings');

const appPortItem: Check = (value, at, issues) => {
  if (typeof value === 'number') {
    portNumber(value, at, issues);
  } else if (typeof value !== 'string') {
    wrongType(issues, at, 'a port number or a string such as "8000:8010"', value);
  }
};

const appPort: Check = (value, at, issues) => {
  if (Array.isArray(value)) {
    value.forEach((item, index) => appPortItem(item, [...at, index], issues));
  } else if (typeof value === 'number' || typeof value === 'string') {
    appPortItem(value, at, issues);
  } else {
    wrongType(issues, at, 'a port number, a string, or an array of them', value);
  }
};

const size: Check = (value, at, issues) => {
  if (typeof value !== 'string') {
    wrongType(issues, at, 'a size string such as "8gb"', value);
  } else if (!SIZE.test(value) && !PLACEHOLDER.test(value)) {
    problem(
      issues,
      at,
      `"${displayPath(at)}" must be a size such as "8gb": a whole number with an optional lowercase tb, gb, mb or kb unit, not ${shown(value)}`,
    );
  }
};

const positiveInteger: Check = (value, at, issues) => {
  if (typeof value !== 'number') {
    wrongType(issues, at, 'a whole number of at least 1', value);
  } else if (!Number.isInteger(value) || value < 1) {
    problem(
      issues,
      at,
      `"${displayPath(at)}" must be a whole number of at least 1, not ${shown(value)}`,
    );
  }
};

const gpu: Check = (value, at, issues) => {
  if (typeof value === 'boolean' || value === 'optional') {
    return;
  }
  if (isRecord(value)) {
    checkMembers(value, { cores: positiveInteger, memory: size }, at, issues);
    return;
  }
  if (typeof value === 'string') {
    problem(
      issues,
      at,
      `"${displayPath(at)}" must be true, false, "optional" or an object with "cores" and "memory", not ${shown(value)}`,
    );
    return;
  }
  wrongType(issues, at, 'true, false, "optional" or an object with "cores" and "memory"', value);
};

const hostRequirements = shape({
  cpus: positiveInteger,
  memory: size,
  storage: size,
  gpu,
});

const commandParts = arrayOf(string, 'an array of strings');

const lifecycleCommand: Check = (value, at, issues) => {
  if (typeof value === 'string') {
    return;
  }
  if (Array.isArray(value)) {
    commandParts(value, at, issues);
    return;
  }
  if (!isRecord(value)) {
    wrongType(
      issues,
      at,
      'a command string, an array of strings, or an object of named commands',
      value,
    );
    return;
  }
  for (const [name, command] of Object.entries(value)) {
    const where = [...at, name];
    if (Array.isArray(command)) {
      commandParts(command, where, issues);
    } else if (typeof command !== 'string') {
      wrongType(issues, where, 'a command string or an array of strings', command);
    }
  }
};

const mount: Check = (value, at, issues) => {
  if (typeof value === 'string') {
    return;
  }
  if (!isRecord(value)) {
    wrongType(issues, at, 'a mount string or a mount object', value);
    return;
  }
  const name = displayPath(at);
  if (value['type'] === undefined) {
    problem(issues, at, `"${name}" must have a "type", such as "bind" or "volume"`);
  }
  if (value['target'] === undefined) {
    problem(issues, at, `"${name}" must have a "target": the path in the container`);
  }
  checkMembers(
    value,
    { type: string, source: string, target: string, external: boolean },
    at,
    issues,
  );
};

const featureOptions: Check = (value, at, issues) => {
  if (typeof value !== 'string' && typeof value !== 'boolean' && !isRecord(value)) {
    wrongType(issues, at, 'an object of options, a version string, or a boolean', value);
  }
};

const portAttributes = shape({
  label: string,
  protocol: oneOf(['http', 'https']),
  onAutoForward: oneOf([
    'notify',
    'openBrowser',
    'openBrowserOnce',
    'openPreview',
    'silent',
    'ignore',
  ]),
  requireLocalPort: boolean,
  elevateIfNeeded: boolean,
});

const build = shape(
  {
    dockerfile: string,
    context: string,
    args: mapOf(string, 'an object of strings'),
    target: string,
    cacheFrom: stringOrStringArray(),
    options: stringArray,
  },
  'an object such as { "dockerfile": "Dockerfile" }',
);

const secret = shape({ description: string, documentationUrl: string });

const devPort: Check = (value, at, issues) => {
  if (typeof value !== 'number') {
    wrongType(issues, at, 'a port number', value);
  } else {
    portNumber(value, at, issues);
  }
};

/** Every devcontainer.json property Slipway reads, plus the legacy ones it moves. */
export const CONFIG_CHECKS: Readonly<Record<string, Check>> = {
  $schema: string,
  name: string,
  image: string,
  build,
  dockerComposeFile: stringOrStringArray(),
  service: string,
  runServices: stringArray,
  workspaceFolder: string,
  workspaceMount: string,
  forwardPorts,
  portsAttributes: mapOf(portAttributes, 'an object of port attributes'),
  otherPortsAttributes: portAttributes,
  appPort,
  containerEnv: mapOf(string, 'an object of strings'),
  remoteEnv: mapOf((value, at, issues) => {
    if (value !== null && typeof value !== 'string') {
      wrongType(issues, at, 'a string or null', value);
    }
  }, 'an object of strings (or null)'),
  containerUser: string,
  remoteUser: string,
  updateRemoteUserUID: boolean,
  userEnvProbe: oneOf(['none', 'interactiveShell', 'loginShell', 'loginInteractiveShell']),
  overrideCommand: boolean,
  shutdownAction: oneOf(['none', 'stopContainer', 'stopCompose']),
  init: boolean,
  privileged: boolean,
  capAdd: stringArray,
  securityOpt: stringArray,
  mounts: arrayOf(mount, 'an array of mount strings or mount objects'),
  runArgs: stringArray,
  features: mapOf(featureOptions, 'an object of Feature ids and their options'),
  overrideFeatureInstallOrder: stringArray,
  hostRequirements,
  customizations: object,
  secrets: mapOf(secret, 'an object of secret names and their descriptions'),
  waitFor: oneOf([
    'initializeCommand',
    'onCreateCommand',
    'updateContentCommand',
    'postCreateCommand',
    'postStartCommand',
  ]),
  initializeCommand: lifecycleCommand,
  onCreateCommand: lifecycleCommand,
  updateContentCommand: lifecycleCommand,
  postCreateCommand: lifecycleCommand,
  postStartCommand: lifecycleCommand,
  postAttachCommand: lifecycleCommand,
  // Legacy spellings, moved by moveLegacyProperties.
  dockerFile: string,
  context: string,
  extensions: stringArray,
  settings: object,
  devPort,
};

/** The properties of a `devcontainer.metadata` entry: the config's, plus `id` and `entrypoint`. */
export const METADATA_CHECKS: Readonly<Record<string, Check>> = {
  ...CONFIG_CHECKS,
  id: string,
  entrypoint: string,
};

/** Every type problem of an object, in the order the checks found them. */
export function findConfigIssues(
  value: Record<string, unknown>,
  checks: Readonly<Record<string, Check>> = CONFIG_CHECKS,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkMembers(value, checks, [], issues);
  return issues;
}

/**
 * Throws a ConfigError for the first problem in document order (by the
 * position `locate` gives), so the same file always reports the same error.
 */
export function validateConfig(
  config: Record<string, unknown>,
  file: string,
  locate: (jsonPath: JsonPath) => { line: number; column: number } | undefined,
): void {
  const issues = findConfigIssues(config);
  let first: { issue: ConfigIssue; line?: number; column?: number } | undefined;
  for (const issue of issues) {
    const position = locate(issue.path);
    const candidate = { issue, line: position?.line, column: position?.column };
    if (first === undefined || comesBefore(candidate, first)) {
      first = candidate;
    }
  }
  if (first !== undefined) {
    throw new ConfigError(`${first.issue.message}.`, file, first.line, first.column);
  }
}

function comesBefore(
  a: { line?: number; column?: number },
  b: { line?: number; column?: number },
): boolean {
  if (a.line === undefined) {
    return false;
  }
  if (b.line === undefined) {
    return true;
  }
  return a.line < b.line || (a.line === b.line && (a.column ?? 0) < (b.column ?? 0));
}
