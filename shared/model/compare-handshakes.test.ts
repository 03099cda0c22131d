import { describe, expect, it } from 'vitest';
import { loadCapture } from '../../testdata/mosquitto-capture/load';
import { decode } from '../mqtt/decode';
import { fromHex } from '../mqtt/field';
import { compareHandshakes, countDifferences, type ComparedSection, type HandshakeSide } from './compare-handshakes';

const capture = loadCapture();

/** The CONNECT and CONNACK of one connection of the real capture, by its client id. */
function handshake(clientId: string, phases: HandshakeSide['phases'] = []): HandshakeSide {
  const connect = capture.find((packet) => packet.layer['mqtt.clientid'] === clientId)!;
  const level = Number(connect.layer['mqtt.ver']);
  const connack = capture.find((packet) => packet.stream === connect.stream && packet.dir === 's2c' && packet.hex.startsWith('20'))!;
  return {
    connect: decode(fromHex(connect.hex)!, { protocolLevel: level }),
    connack: decode(fromHex(connack.hex)!, { protocolLevel: level }),
    phases,
  };
}

const rowOf = (sections: ComparedSection[], title: string, name: string) => sections.find((section) => section.title === title)!.rows.find((row) => row.name === name);

describe('compareHandshakes on real mosquitto handshakes', () => {
  it('accepted and refused 3.1.1: the credentials and the CONNACK code differ, the rest does not', () => {
    const sections = compareHandshakes(handshake('a-plain'), handshake('a-bad'));
    expect(rowOf(sections, 'CONNECT', 'Protocol version')).toEqual({ name: 'Protocol version', left: 'MQTT v3.1.1 (4)', right: 'MQTT v3.1.1 (4)', differs: false });
    expect(rowOf(sections, 'CONNECT', 'Client ID')).toMatchObject({ left: 'a-plain', right: 'a-bad', differs: true });
    expect(rowOf(sections, 'CONNECT', 'Keep alive')).toMatchObject({ left: '60 s', right: '60 s', differs: false });
    expect(rowOf(sections, 'CONNECT', 'User name present')).toMatchObject({ left: 'no', right: 'yes', differs: true });
    expect(rowOf(sections, 'CONNECT', 'Password present')).toMatchObject({ left: 'no', right: 'yes', differs: true });
    expect(rowOf(sections, 'CONNECT', 'Will topic')).toMatchObject({ left: 'no will', right: 'no will', differs: false });
    expect(rowOf(sections, 'CONNACK', 'Session present')).toMatchObject({ left: 'no', right: 'no', differs: false });
    expect(rowOf(sections, 'CONNACK', 'Return / reason code')).toEqual({
      name: 'Return / reason code',
      left: '0 Connection accepted',
      right: '5 Connection refused, not authorized',
      differs: true,
    });
    // 3.1.1 has no properties: no property rows.
    expect(sections.flatMap((section) => section.rows).some((row) => row.name.startsWith('Property'))).toBe(false);
    // The password's bytes ("wrong") are nowhere.
    expect(JSON.stringify(sections)).not.toContain('wrong');
    expect(countDifferences(sections)).toBe(4);
  });

  it('a will and clean session off', () => {
    const sections = compareHandshakes(handshake('a-will'), handshake('a-persist'));
    expect(rowOf(sections, 'CONNECT', 'Will topic')).toMatchObject({ left: 'status/a', right: 'no will', differs: true });
    expect(rowOf(sections, 'CONNECT', 'Will QoS')).toMatchObject({ left: '1', right: 'no will' });
    expect(rowOf(sections, 'CONNECT', 'Will retain')).toMatchObject({ left: 'yes', right: 'no will' });
    expect(rowOf(sections, 'CONNECT', 'Clean session / clean start')).toMatchObject({ left: 'yes', right: 'no', differs: true });
    expect(rowOf(sections, 'CONNECT', 'Keep alive')).toMatchObject({ left: '30 s', right: '60 s', differs: true });
  });

  it('MQTT 5: every property of both sides, in the specification’s order, the absent one said', () => {
    const sections = compareHandshakes(handshake('a-v5'), handshake('a-bad5'));
    const connectNames = sections[0].rows.map((row) => row.name).filter((name) => name.startsWith('Property: '));
    expect(connectNames).toEqual(['Property: Session Expiry Interval', 'Property: Receive Maximum', 'Property: User Property']);
    expect(rowOf(sections, 'CONNECT', 'Property: Session Expiry Interval')).toMatchObject({ left: '120', right: 'not sent', differs: true });
    expect(rowOf(sections, 'CONNECT', 'Property: Receive Maximum')).toMatchObject({ left: '20', right: '20', differs: false });
    expect(rowOf(sections, 'CONNECT', 'Property: User Property')).toMatchObject({ left: 'app=inspector', right: 'not sent' });
    expect(rowOf(sections, 'CONNACK', 'Return / reason code')).toMatchObject({ left: '0x00 Success', right: '0x87 Not authorized', differs: true });
    expect(rowOf(sections, 'CONNACK', 'Property: Topic Alias Maximum')).toMatchObject({ left: '10', right: 'not sent', differs: true });
    expect(rowOf(sections, 'CONNACK', 'Property: Receive Maximum')).toMatchObject({ left: '20', right: 'not sent' });
  });

  it('a connection that never sent a CONNECT says so on its side', () => {
    const sections = compareHandshakes(handshake('a-plain'), { phases: [{ name: 'TCP connect', durationMs: 1 }] });
    expect(rowOf(sections, 'CONNECT', 'Client ID')).toMatchObject({ left: 'a-plain', right: 'no CONNECT', differs: true });
    expect(rowOf(sections, 'CONNACK', 'Session present')).toMatchObject({ left: 'no', right: 'no CONNACK', differs: true });
  });
});

describe('timings', () => {
  const side = (phases: [string, number][]): HandshakeSide => ({ phases: phases.map(([name, durationMs]) => ({ name: name as never, durationMs })) });

  it('every step of either side in order; a step only one side took, or one more than twice as long, differs', () => {
    const sections = compareHandshakes(
      side([['DNS lookup', 2], ['TCP connect', 0.4], ['CONNECT → CONNACK', 3]]),
      side([['TCP connect', 0.5], ['TLS handshake', 12], ['CONNECT → CONNACK', 9]]),
      (ms) => `${ms} ms`,
    );
    expect(sections[2].rows).toEqual([
      { name: 'DNS lookup', left: '2 ms', right: 'not done', differs: true },
      { name: 'TCP connect', left: '0.4 ms', right: '0.5 ms', differs: false },
      { name: 'TLS handshake', left: 'not done', right: '12 ms', differs: true },
      { name: 'CONNECT → CONNACK', left: '3 ms', right: '9 ms', differs: true },
    ]);
  });

  it('sub-millisecond noise is not a difference, even at more than twice', () => {
    const [, , timings] = compareHandshakes(side([['TCP connect', 0.1]]), side([['TCP connect', 0.6]]));
    expect(timings.rows[0].differs).toBe(false);
  });
});
