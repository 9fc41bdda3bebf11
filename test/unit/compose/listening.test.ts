import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  chooseBridges,
  forwarderPorts,
  listeningPorts,
  unbridgedWarning,
  type BridgeInputs,
} from '../../../src/core/compose/listening';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const HEADER6 =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

function row(local: string, state: string): string {
  return `   0: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0`;
}

describe('compose: what a service listens on (/proc/net/tcp*)', () => {
  it('reads LISTEN sockets of tcp and tcp6, with their scope', () => {
    const text = [
      HEADER,
      row('00000000:1538', '0A'), // 0.0.0.0:5432
      row('0100007F:0CEA', '0A'), // 127.0.0.1:3306
      row('0100007F:1F90', '0A'), // 127.0.0.1:8080 ...
      row('0A00A8C0:C350', '01'), // an established connection: not a listener
      row('0500A8C0:1A0B', '0A'), // 192.168.0.5:6667, a specific address
      HEADER6,
      row('00000000000000000000000000000000:1F90', '0A'), // ...and [::]:8080
      row('00000000000000000000000001000000:6989', '0A'), // [::1]:27017
      row('0000000000000000FFFF00000100007F:2382', '0A'), // [::ffff:127.0.0.1]:9090
      'garbage line',
      '',
    ].join('\n');
    assert.deepEqual(listeningPorts(text), [
      { port: 3306, loopbackOnly: true },
      { port: 5432, loopbackOnly: false },
      { port: 6667, loopbackOnly: false },
      { port: 8080, loopbackOnly: false },
      { port: 9090, loopbackOnly: true },
      { port: 27017, loopbackOnly: true },
    ]);
  });

  it('reads no listener from an empty or unrelated text', () => {
    assert.deepEqual(listeningPorts(''), []);
    assert.deepEqual(listeningPorts(`${HEADER}\n`), []);
    assert.deepEqual(listeningPorts('cat: /proc/net/tcp6: No such file or directory'), []);
  });

  it("reads the ports Slipway's own forwarders hold", () => {
    assert.deepEqual(
      forwarderPorts(`${HEADER}\nslipway-bridge 5432\nslipway-bridge 80\n`),
      [5432, 80],
    );
  });
});

function inputs(extra: Partial<BridgeInputs>): BridgeInputs {
  return {
    own: 'app',
    peer: 'db',
    ownDeclared: [],
    peerDeclared: [],
    ownListening: [],
    peerListening: [],
    ...extra,
  };
}

describe('compose: which ports network_mode service: bridges, and which way', () => {
  it("brings a port db listens on but declares nowhere to the app's localhost", () => {
    const choice = chooseBridges(inputs({ peerListening: [{ port: 5433, loopbackOnly: false }] }));
    assert.deepEqual(choice, { intoOwn: [5433], intoPeer: [], unbridged: [] });
  });

  it("brings declared ports before anything listens, and the app's ports to db", () => {
    const choice = chooseBridges(
      inputs({
        peerDeclared: [5432],
        ownDeclared: [3000],
        ownListening: [{ port: 8080, loopbackOnly: false }],
      }),
    );
    assert.deepEqual(choice, { intoOwn: [5432], intoPeer: [3000, 8080], unbridged: [] });
  });

  it('leaves out, with the reason, a port the app already listens on or db keeps on its loopback', () => {
    const input = inputs({
      peerListening: [
        { port: 5432, loopbackOnly: false },
        { port: 6379, loopbackOnly: true },
      ],
      ownListening: [{ port: 5432, loopbackOnly: true }],
    });
    const choice = chooseBridges(input);
    assert.deepEqual(choice.intoOwn, []);
    assert.deepEqual(choice.intoPeer, []);
    assert.deepEqual(
      choice.unbridged.map((item) => unbridgedWarning(input, item)),
      [
        "network_mode service:db: port 5432 of db is not bridged to app's localhost: app already listens on it; reach it at db:5432.",
        "network_mode service:db: port 6379 of db is not bridged to app's localhost: db listens on it only on its own 127.0.0.1, which another VM cannot reach (make it listen on 0.0.0.0); reach it at db:6379.",
      ],
    );
  });

  it("never bridges into a side a port it declares as its own, and keeps the app's undeclared loopback ports to itself", () => {
    const input = inputs({
      ownDeclared: [5432, 4000],
      peerListening: [{ port: 5432, loopbackOnly: false }],
      ownListening: [
        { port: 4000, loopbackOnly: true },
        { port: 9229, loopbackOnly: true },
      ],
    });
    const choice = chooseBridges(input);
    assert.deepEqual(choice.intoOwn, []);
    assert.deepEqual(choice.intoPeer, []);
    assert.deepEqual(
      choice.unbridged.map((item) => unbridgedWarning(input, item)),
      [
        "network_mode service:db: port 5432 of db is not bridged to app's localhost: app declares it as its own port too; reach it at db:5432.",
        "network_mode service:db: port 4000 of app is not bridged to db's localhost: app listens on it only on its own 127.0.0.1, which another VM cannot reach (make it listen on 0.0.0.0); reach it at app:4000.",
      ],
    );
  });

  it("takes Slipway's own forwarders for what they are, not the side's own ports, when bridging again", () => {
    // After a first bridging: app holds 5432 (to db), db holds 3000 (to app, through busybox nc on every address).
    const choice = chooseBridges(
      inputs({
        peerDeclared: [],
        ownDeclared: [3000],
        peerListening: [
          { port: 5432, loopbackOnly: false },
          { port: 3000, loopbackOnly: false },
        ],
        ownListening: [
          { port: 5432, loopbackOnly: true },
          { port: 3000, loopbackOnly: false },
        ],
        ownForwarders: [5432],
        peerForwarders: [3000],
      }),
    );
    assert.deepEqual(choice, { intoOwn: [5432], intoPeer: [3000], unbridged: [] });
  });

  it('with nothing readable, bridges what is declared', () => {
    const choice = chooseBridges(
      inputs({
        peerDeclared: [5432],
        ownDeclared: [3000],
        ownListening: undefined,
        peerListening: undefined,
      }),
    );
    assert.deepEqual(choice, { intoOwn: [5432], intoPeer: [3000], unbridged: [] });
  });
});
