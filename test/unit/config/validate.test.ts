import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseConfigText } from '../../../src/core/config/parse';
import { displayPath, findConfigIssues } from '../../../src/core/config/validate';
import { isConfigError, type ConfigError } from '../../../src/core/errors';

const FILE = '/p/.devcontainer/devcontainer.json';

/** The error for a one-line config, as "line:column message". */
function failure(text: string): string {
  try {
    parseConfigText(text, FILE);
  } catch (error) {
    if (isConfigError(error)) {
      const configError: ConfigError = error;
      assert.equal(configError.file, FILE);
      return `${configError.line}:${configError.column} ${configError.message}`;
    }
    throw error;
  }
  assert.fail(`expected ${text} to be rejected`);
}

function accepts(text: string): void {
  assert.doesNotThrow(() => parseConfigText(text, FILE), text);
}

describe('validateConfig', () => {
  it('names the property and what was expected', () => {
    assert.equal(
      failure('{"forwardPorts": "3000"}'),
      '1:18 "forwardPorts" must be an array of port numbers or "host:port" strings, not a string.',
    );
    assert.equal(
      failure('{"runArgs": "--init"}'),
      '1:13 "runArgs" must be an array of strings, not a string.',
    );
  });

  it('points at the offending element', () => {
    assert.equal(
      failure('{"runArgs": ["--init", 3]}'),
      '1:24 "runArgs[1]" must be a string, not a number.',
    );
  });

  it('reports the first problem in document order', () => {
    assert.match(failure('{"name": "x", "runArgs": 1, "image": 2}'), /^1:26 "runArgs"/);
    assert.match(failure('{"image": 2, "runArgs": 1}'), /^1:11 "image"/);
    assert.match(failure('{"build": {"target": 1, "dockerfile": 2}}'), /^1:22 "build.target"/);
  });

  it('leaves unknown properties alone', () => {
    accepts('{"image": "a", "somethingElse": 42, "build": {"extra": true}}');
  });

  describe('ports', () => {
    it('accepts numbers and host:port strings', () => {
      accepts('{"forwardPorts": [1, 3000, 65535, "db:5432", "my-service-2:80"]}');
    });

    it('rejects numbers out of range or not whole', () => {
      assert.match(
        failure('{"forwardPorts": [0]}'),
        /"forwardPorts\[0\]" must be a whole port number from 1 to 65535, not 0/,
      );
      assert.match(failure('{"forwardPorts": [65536]}'), /not 65536/);
      assert.match(failure('{"forwardPorts": [80.5]}'), /not 80.5/);
    });

    it('explains quoted numbers and bad host names', () => {
      assert.match(
        failure('{"forwardPorts": ["3000"]}'),
        /not "3000"; write the port number without quotes: 3000/,
      );
      assert.match(failure('{"forwardPorts": ["DB:5432"]}'), /lowercase letters/);
      assert.match(failure('{"forwardPorts": ["db:70000"]}'), /"forwardPorts\[0\]" has port 70000/);
      assert.match(
        failure('{"forwardPorts": [true]}'),
        /must be a port number or a "host:port" string, not a boolean/,
      );
    });

    it('leaves strings with variables for later', () => {
      accepts('{"forwardPorts": ["${localEnv:PORT}"]}');
    });

    it('accepts every appPort form', () => {
      accepts('{"appPort": 3000}');
      accepts('{"appPort": "8000:8010"}');
      accepts('{"appPort": [3000, "8000:8010"]}');
      assert.match(
        failure('{"appPort": {"a": 1}}'),
        /"appPort" must be a port number, a string, or an array of them, not an object/,
      );
      assert.match(failure('{"appPort": [3000, null]}'), /"appPort\[1\]" must be a port number/);
      assert.match(failure('{"appPort": 0}'), /"appPort" must be a whole port number/);
    });
  });

  describe('hostRequirements', () => {
    it('accepts the schema forms', () => {
      accepts(
        '{"hostRequirements": {"cpus": 2, "memory": "8gb", "storage": "32", "gpu": "optional"}}',
      );
      accepts('{"hostRequirements": {"gpu": true}}');
      accepts('{"hostRequirements": {"gpu": {"cores": 2, "memory": "4tb"}}}');
    });

    it('rejects sizes and counts that do not fit', () => {
      assert.match(
        failure('{"hostRequirements": {"memory": "8GB"}}'),
        /"hostRequirements.memory" must be a size such as "8gb".*not "8GB"/,
      );
      assert.match(
        failure('{"hostRequirements": {"storage": 32}}'),
        /"hostRequirements.storage" must be a size string/,
      );
      assert.match(
        failure('{"hostRequirements": {"cpus": 0}}'),
        /"hostRequirements.cpus" must be a whole number of at least 1, not 0/,
      );
      assert.match(
        failure('{"hostRequirements": {"gpu": "yes"}}'),
        /"hostRequirements.gpu" must be true, false, "optional"/,
      );
      assert.match(
        failure('{"hostRequirements": {"gpu": {"memory": "1 gb"}}}'),
        /"hostRequirements.gpu.memory"/,
      );
      assert.match(
        failure('{"hostRequirements": 4}'),
        /"hostRequirements" must be an object, not a number/,
      );
    });
  });

  describe('environment', () => {
    it('wants strings in containerEnv, strings or null in remoteEnv', () => {
      accepts('{"containerEnv": {"A": "1"}, "remoteEnv": {"B": null, "C": "x"}}');
      assert.match(
        failure('{"containerEnv": {"A": 1}}'),
        /^1:24 "containerEnv.A" must be a string, not a number/,
      );
      assert.match(failure('{"containerEnv": {"A": null}}'), /not null/);
      assert.match(
        failure('{"remoteEnv": {"MY-VAR": true}}'),
        /"remoteEnv\["MY-VAR"\]" must be a string or null, not a boolean/,
      );
      assert.match(
        failure('{"containerEnv": ["A=1"]}'),
        /"containerEnv" must be an object of strings, not an array/,
      );
    });
  });

  describe('lifecycle commands', () => {
    it('accepts a string, an argv array and named commands', () => {
      accepts('{"postCreateCommand": "make"}');
      accepts('{"postCreateCommand": ["make", "all"]}');
      accepts('{"postCreateCommand": {"a": "make", "b": ["npm", "ci"]}, "initializeCommand": {}}');
    });

    it('rejects anything else, at the offending part', () => {
      assert.match(
        failure('{"onCreateCommand": 1}'),
        /"onCreateCommand" must be a command string, an array of strings, or an object of named commands, not a number/,
      );
      assert.match(
        failure('{"postStartCommand": ["a", 1]}'),
        /"postStartCommand\[1\]" must be a string/,
      );
      assert.match(
        failure('{"postAttachCommand": {"a": {"b": "c"}}}'),
        /"postAttachCommand.a" must be a command string or an array of strings, not an object/,
      );
      assert.match(
        failure('{"updateContentCommand": {"x y": ["a", false]}}'),
        /"updateContentCommand\["x y"\]\[1\]" must be a string, not a boolean/,
      );
    });
  });

  describe('mounts', () => {
    it('accepts strings and objects with a type and a target', () => {
      accepts(
        '{"mounts": ["source=a,target=/b,type=volume", {"type": "bind", "source": "/x", "target": "/y"}, {"type": "tmpfs", "target": "/t", "external": true}]}',
      );
    });

    it('wants a type and a target in the object form', () => {
      assert.match(
        failure('{"mounts": [{"type": "bind", "source": "/x"}]}'),
        /^1:13 "mounts\[0\]" must have a "target"/,
      );
      assert.match(failure('{"mounts": [{"target": "/x"}]}'), /"mounts\[0\]" must have a "type"/);
      assert.match(
        failure('{"mounts": [{"type": "bind", "target": 5}]}'),
        /"mounts\[0\].target" must be a string, not a number/,
      );
      assert.match(
        failure('{"mounts": [{"type": "bind", "target": "/x", "external": "yes"}]}'),
        /"mounts\[0\].external" must be true or false/,
      );
      assert.match(
        failure('{"mounts": "source=a,target=/b"}'),
        /"mounts" must be an array of mount strings or mount objects, not a string/,
      );
      assert.match(
        failure('{"mounts": [7]}'),
        /"mounts\[0\]" must be a mount string or a mount object, not a number/,
      );
    });
  });

  describe('build', () => {
    it('accepts the schema members', () => {
      accepts(
        '{"build": {"dockerfile": "Dockerfile", "context": "..", "args": {"A": "1"}, "target": "dev", "cacheFrom": "img", "options": ["--pull"]}}',
      );
      accepts('{"build": {"dockerfile": "Dockerfile", "cacheFrom": ["a", "b"]}}');
    });

    it('checks each member', () => {
      assert.match(
        failure('{"build": "Dockerfile"}'),
        /"build" must be an object such as \{ "dockerfile": "Dockerfile" \}, not a string/,
      );
      assert.match(
        failure('{"build": {"dockerfile": ["Dockerfile"]}}'),
        /"build.dockerfile" must be a string, not an array/,
      );
      assert.match(
        failure('{"build": {"args": ["A=1"]}}'),
        /"build.args" must be an object of strings/,
      );
      assert.match(
        failure('{"build": {"cacheFrom": 1}}'),
        /"build.cacheFrom" must be a string or an array of strings/,
      );
      assert.match(
        failure('{"build": {"options": "--pull"}}'),
        /"build.options" must be an array of strings/,
      );
    });

    it('checks the legacy spellings too', () => {
      assert.match(failure('{"dockerFile": 1}'), /"dockerFile" must be a string/);
      assert.match(failure('{"context": false}'), /"context" must be a string/);
      assert.match(failure('{"extensions": "a.b"}'), /"extensions" must be an array of strings/);
      assert.match(failure('{"settings": []}'), /"settings" must be an object, not an array/);
      assert.match(failure('{"devPort": "8000"}'), /"devPort" must be a port number, not a string/);
    });
  });

  describe('simple types', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"init": "true"}', /"init" must be true or false, not a string/],
      ['{"privileged": 1}', /"privileged" must be true or false/],
      ['{"overrideCommand": null}', /"overrideCommand" must be true or false, not null/],
      ['{"updateRemoteUserUID": "no"}', /"updateRemoteUserUID" must be true or false/],
      [
        '{"shutdownAction": "stop"}',
        /"shutdownAction" must be one of "none", "stopContainer", "stopCompose", not "stop"/,
      ],
      [
        '{"userEnvProbe": "login"}',
        /"userEnvProbe" must be one of "none", "interactiveShell", "loginShell", "loginInteractiveShell", not "login"/,
      ],
      ['{"waitFor": "postAttachCommand"}', /"waitFor" must be one of .*not "postAttachCommand"/],
      ['{"waitFor": 1}', /"waitFor" must be one of .*not a number/],
      ['{"name": 1}', /"name" must be a string, not a number/],
      ['{"image": ["a"]}', /"image" must be a string, not an array/],
      [
        '{"dockerComposeFile": {}}',
        /"dockerComposeFile" must be a string or an array of strings, not an object/,
      ],
      ['{"dockerComposeFile": ["a.yml", 1]}', /"dockerComposeFile\[1\]" must be a string/],
      ['{"service": 1}', /"service" must be a string/],
      ['{"runServices": "db"}', /"runServices" must be an array of strings/],
      ['{"workspaceFolder": null}', /"workspaceFolder" must be a string, not null/],
      ['{"workspaceMount": false}', /"workspaceMount" must be a string/],
      ['{"containerUser": 0}', /"containerUser" must be a string/],
      ['{"remoteUser": 0}', /"remoteUser" must be a string/],
      ['{"capAdd": "SYS_PTRACE"}', /"capAdd" must be an array of strings/],
      ['{"securityOpt": [1]}', /"securityOpt\[0\]" must be a string/],
      [
        '{"overrideFeatureInstallOrder": "a"}',
        /"overrideFeatureInstallOrder" must be an array of strings/,
      ],
      [
        '{"features": []}',
        /"features" must be an object of Feature ids and their options, not an array/,
      ],
      [
        '{"features": {"ghcr.io/devcontainers/features/node:1": 18}}',
        /"features\["ghcr.io\/devcontainers\/features\/node:1"\]" must be an object of options, a version string, or a boolean, not a number/,
      ],
      ['{"customizations": "vscode"}', /"customizations" must be an object, not a string/],
      ['{"secrets": {"TOKEN": "x"}}', /"secrets.TOKEN" must be an object, not a string/],
      [
        '{"secrets": {"TOKEN": {"description": 1}}}',
        /"secrets.TOKEN.description" must be a string/,
      ],
      [
        '{"portsAttributes": {"3000": {"onAutoForward": "open"}}}',
        /"portsAttributes\["3000"\].onAutoForward" must be one of/,
      ],
      ['{"portsAttributes": {"3000": "web"}}', /"portsAttributes\["3000"\]" must be an object/],
      [
        '{"otherPortsAttributes": {"protocol": "ftp"}}',
        /"otherPortsAttributes.protocol" must be one of "http", "https", not "ftp"/,
      ],
      [
        '{"otherPortsAttributes": {"requireLocalPort": "yes"}}',
        /"otherPortsAttributes.requireLocalPort" must be true or false/,
      ],
    ];
    for (const [text, message] of cases) {
      it(text, () => {
        assert.match(failure(text), message);
      });
    }
  });

  it('accepts the features value forms', () => {
    accepts(
      '{"features": {"a/b/c:1": {}, "d/e/f:1": "latest", "g/h/i:1": true, "j/k/l:1": {"version": "18"}}}',
    );
  });

  it('leaves enum values with variables for later', () => {
    accepts('{"userEnvProbe": "${localEnv:PROBE}"}');
  });
});

describe('findConfigIssues', () => {
  it('lists every problem with its path', () => {
    assert.deepEqual(
      findConfigIssues({ runArgs: [1], init: 'yes' }).map((issue) => issue.path),
      [['runArgs', 0], ['init']],
    );
    assert.deepEqual(findConfigIssues({ image: 'a', runArgs: ['b'] }), []);
  });
});

describe('displayPath', () => {
  it('writes JSON paths the way people read them', () => {
    assert.equal(displayPath(['runArgs', 2]), 'runArgs[2]');
    assert.equal(displayPath(['build', 'args', 'FOO']), 'build.args.FOO');
    assert.equal(
      displayPath(['features', 'ghcr.io/x:1', 'version']),
      'features["ghcr.io/x:1"].version',
    );
    assert.equal(displayPath(['a b']), '"a b"');
  });
});
