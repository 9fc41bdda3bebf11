// Tests for the other run/create values: names, labels, env, platform,
// ulimits, networks, capabilities, --no-dns and --progress.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runWith, usage, runtime } from './helpers';

describe('appleGrammar', () => {
  describe('--name', () => {
    it('accepts names matching the container ID pattern, up to 63 characters', () => {
      for (const name of ['devc-proj', 'ab', 'My_Proj.1', 'a'.repeat(63)]) {
        assert.deepEqual(runWith(['--name', name]), [], name);
      }
    });

    it('rejects other names with Apple wording', () => {
      for (const name of ['a', '_x', 'a/b', 'has space', 'a'.repeat(64), '.hidden']) {
        assert.deepEqual(
          runWith([`--name=${name}`]),
          [runtime(`container ID ${name} is not a valid container ID`)],
          name,
        );
      }
      assert.deepEqual(runWith(['--name', 'a'], '0.5.0'), [runtime('invalid entity name a')]);
    });
  });

  describe('-l/--label', () => {
    it('accepts key=value and a bare key', () => {
      assert.deepEqual(runWith(['-l', 'devcontainer.local_folder=/Users/me/p', '-l', 'flag']), []);
    });

    it('rejects an = inside the value and an empty label', () => {
      assert.deepEqual(runWith(['--label', 'devcontainer.metadata=[{"a":"b=c"}]']), [
        runtime('invalid label format devcontainer.metadata=[{"a":"b=c"}]'),
      ]);
      assert.deepEqual(runWith(['-l', '']), [runtime('label cannot be an empty string')]);
    });
  });

  describe('-e/--env', () => {
    it('accepts KEY=VAL, KEY= and a bare KEY', () => {
      assert.deepEqual(runWith(['-e', 'A=1', '-e', 'B=', '-e', 'HOME', '--env', 'C=x=y']), []);
    });

    it('rejects an empty key', () => {
      assert.deepEqual(runWith(['-e', '=1']), [
        runtime("invalid environment variable '=1': the name is empty (checker's rule)"),
      ]);
      assert.deepEqual(runWith(['-e', '']), [
        runtime("invalid environment variable '': the name is empty (checker's rule)"),
      ]);
    });
  });

  describe('--arch, --os and --platform', () => {
    it('accepts the four architecture spellings', () => {
      for (const arch of ['arm64', 'aarch64', 'amd64', 'x86_64']) {
        assert.deepEqual(runWith(['--arch', arch]), [], arch);
      }
    });

    it('rejects other architectures and operating systems', () => {
      assert.deepEqual(runWith(['--arch', 'ppc64le']), [
        runtime("unsupported architecture 'ppc64le': use one of arm64, aarch64, amd64, x86_64"),
      ]);
      assert.deepEqual(runWith(['--os', 'windows']), [
        runtime("unsupported OS 'windows': Apple's container runs linux images"),
      ]);
    });

    it('checks os/arch[/variant] platforms', () => {
      for (const platform of ['linux/arm64', 'linux/amd64', 'linux/arm64/v8', 'linux/x86_64']) {
        assert.deepEqual(runWith(['--platform', platform]), [], platform);
      }
      assert.deepEqual(runWith(['--platform', 'linux']), [
        runtime('missing architecture in linux'),
      ]);
      assert.deepEqual(runWith(['--platform', 'freebsd/amd64']), [
        runtime('unknown OS in freebsd'),
      ]);
      assert.deepEqual(runWith(['--platform', 'linux/arm64/']), [
        runtime('invalid variant in linux/arm64/'),
      ]);
      assert.deepEqual(runWith(['--platform', 'linux/s390x']), [
        runtime("unsupported architecture 's390x': use one of arm64, aarch64, amd64, x86_64"),
      ]);
    });
  });

  describe('--ulimit', () => {
    it('accepts type=soft[:hard] with unlimited and -1', () => {
      assert.deepEqual(
        runWith([
          '--ulimit',
          'nofile=1024:2048',
          '--ulimit',
          'core=unlimited',
          '--ulimit',
          'NPROC=-1',
        ]),
        [],
      );
    });

    it('rejects bad formats, types, values and soft above hard', () => {
      const cases: Array<[string, string]> = [
        ['nofile', "invalid ulimit format 'nofile': expected <type>=<soft>[:<hard>]"],
        [
          'files=1',
          "unsupported ulimit type 'files': valid types are core, cpu, data, fsize, locks, memlock, " +
            'msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack',
        ],
        [
          'nofile=many',
          "invalid ulimit value 'many' for 'nofile': must be a non-negative integer or 'unlimited'",
        ],
        [
          'nofile=1:x',
          "invalid ulimit value 'x' for 'nofile': must be a non-negative integer or 'unlimited'",
        ],
        ['nofile=2048:1024', "ulimit 'nofile' soft limit (2048) cannot exceed hard limit (1024)"],
      ];
      for (const [spec, message] of cases) {
        assert.deepEqual(runWith(['--ulimit', spec]), [runtime(message)], spec);
      }
    });

    it('rejects the same type twice', () => {
      assert.deepEqual(runWith(['--ulimit', 'nofile=1', '--ulimit', 'NOFILE=2']), [
        runtime('duplicate ulimit type: NOFILE'),
      ]);
    });
  });

  describe('--network', () => {
    it('accepts a name with mac and mtu, and none alone', () => {
      assert.deepEqual(runWith(['--network', 'default,mac=02:42:ac:11:00:02,mtu=1500']), []);
      assert.deepEqual(runWith(['--network', 'none']), []);
      assert.deepEqual(runWith(['--network', 'backend', '--network', 'default']), []);
    });

    it('rejects bad properties with Apple messages', () => {
      const cases: Array<[string, string]> = [
        ['default,mtu=1279', "invalid mtu value '1279': must be between 1280 and 65535"],
        ['default,mtu=65536', "invalid mtu value '65536': must be between 1280 and 65535"],
        ['default,mac=zz', 'invalid MAC address format zz, expected format: XX:XX:XX:XX:XX:XX'],
        ['default,mac=', 'mac address value cannot be empty'],
        ['default,alias=web', "unknown network property 'alias'. Available properties: mac, mtu"],
        ['default,mtu', "invalid property format 'mtu' in network specification 'default,mtu'"],
        [',mtu=1500', 'network name cannot be empty'],
      ];
      for (const [spec, message] of cases) {
        assert.deepEqual(runWith(['--network', spec]), [runtime(message)], spec);
      }
    });

    it('does not combine none with other networks', () => {
      assert.deepEqual(runWith(['--network', 'none', '--network', 'default']), [
        runtime('no other networks may be created along with network none'),
      ]);
    });
  });

  describe('--cap-add and --cap-drop', () => {
    it('accepts capability names with or without CAP_, in any case, and ALL', () => {
      assert.deepEqual(
        runWith(['--cap-add', 'SYS_PTRACE', '--cap-add', 'cap_net_admin', '--cap-drop', 'all']),
        [],
      );
    });

    it('rejects unknown capabilities', () => {
      assert.deepEqual(runWith(['--cap-add', 'net_foo']), [
        runtime("invalid CapabilityName 'NET_FOO'"),
      ]);
    });
  });

  describe('other run values', () => {
    it('checks --masked-path and --read-only-path', () => {
      assert.deepEqual(runWith(['--masked-path', 'none', '--read-only-path', '/sys']), []);
      assert.deepEqual(runWith(['--read-only-path', 'sys']), [
        runtime(
          "invalid path 'sys' for --read-only-path: path must be absolute, or the NONE sentinel",
        ),
      ]);
    });

    it('checks --publish-socket and --scheme', () => {
      assert.deepEqual(runWith(['--publish-socket', '/tmp/a.sock']), [
        runtime('invalid publish-socket format /tmp/a.sock. Expected: host_path:container_path'),
      ]);
      assert.deepEqual(runWith(['--scheme', 'ftp']), [runtime('unsupported scheme ftp')]);
    });

    it('checks integer options', () => {
      assert.deepEqual(runWith(['--uid', '-1']), [
        usage("Missing value for '--uid <uid>'"),
        usage("Unknown option '-1'"),
      ]);
      assert.deepEqual(runWith(['--uid=-1']), [
        usage("The value '-1' is invalid for '--uid <uid>'"),
      ]);
      assert.deepEqual(runWith(['--max-concurrent-downloads', 'x']), [
        usage(
          "The value 'x' is invalid for '--max-concurrent-downloads <max-concurrent-downloads>'",
        ),
      ]);
    });
  });

  describe('--no-dns', () => {
    it('is a usage error together with any --dns* flag', () => {
      assert.deepEqual(runWith(['--no-dns']), []);
      for (const dns of [
        ['--dns', '1.1.1.1'],
        ['--dns-search', 'x'],
        ['--dns-option', 'ndots:1'],
        ['--dns-domain', 't'],
      ]) {
        assert.deepEqual(
          runWith(['--no-dns', ...dns]),
          [
            usage(
              '`--no-dns` cannot be used with DNS configuration flags (`--dns`, `--dns-domain`, `--dns-option`, `--dns-search`)',
            ),
          ],
          dns.join(' '),
        );
      }
    });
  });

  describe('--progress', () => {
    it('takes auto|none|ansi|plain|color at 1.2.2', () => {
      for (const progress of ['auto', 'none', 'ansi', 'plain', 'color']) {
        assert.deepEqual(runWith(['--progress', progress]), [], progress);
      }
      assert.deepEqual(runWith(['--progress', 'tty']), [
        usage("The value 'tty' is invalid for '--progress <type>'"),
      ]);
    });

    it('took only none|ansi before 0.12 and did not exist before 0.7', () => {
      assert.deepEqual(runWith(['--progress', 'none'], '0.7.0'), []);
      assert.deepEqual(runWith(['--progress', 'plain'], '0.11.0'), [
        usage(
          "The value 'plain' is invalid for '--progress <type>' (added in container 0.12.0; checking against 0.11.0)",
        ),
      ]);
      assert.deepEqual(runWith(['--progress', 'none'], '0.6.0'), [
        usage("Unknown option '--progress' (added in container 0.7.0; checking against 0.6.0)"),
      ]);
    });

    it('knows --disable-progress-updates only before 0.7', () => {
      assert.deepEqual(runWith(['--disable-progress-updates'], '0.6.0'), []);
      assert.deepEqual(runWith(['--disable-progress-updates']), [
        usage(
          "Unknown option '--disable-progress-updates' (removed in container 0.7.0; checking against 1.5.0)",
        ),
      ]);
    });
  });
});
