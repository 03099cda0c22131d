// Secrets blanked in place: the password and authentication data become `*`, every other byte
// stays, and the packets still frame and decode — even when a secret is split across chunks.
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { ConnectionDecoder, MqttFramer, findField, toHex } from '@shared/mqtt';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import type { CapturedSession } from '@shared/model/capture';
import { redactSecrets } from './redact';

const connect = new Uint8Array(mqttPacket.generate({
  cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clean: true, clientId: 'who', keepalive: 30, username: 'alice', password: Buffer.from('hunter2'),
  properties: { authenticationMethod: 'SCRAM', authenticationData: Buffer.from('c3VwZXI=') },
} as mqttPacket.IConnectPacket));
const auth = new Uint8Array(mqttPacket.generate({ cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM', authenticationData: Buffer.from('proof') } } as mqttPacket.IAuthPacket, { protocolVersion: 5 }));
const publish = new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic: 't', payload: Buffer.from('hunter2'), qos: 0, dup: false, retain: false }));

describe('redactSecrets', () => {
  it('blanks the password and authentication data, and nothing else, across chunk boundaries', () => {
    const stream = new Uint8Array([...connect, ...publish]);
    const cut = connect.length - 3; // inside the password
    const session: CapturedSession = {
      id: 's', origin: 'client', label: 's', startTime: 0, lifecycle: [],
      chunks: [
        { dir: 'c2s', time: 1, bytes: stream.subarray(0, cut) },
        { dir: 'c2s', time: 2, bytes: stream.subarray(cut) },
        { dir: 's2c', time: 3, bytes: auth },
      ],
    };
    const redacted = redactSecrets(session);
    const framer = new MqttFramer();
    const decoder = new ConnectionDecoder();
    const packets = redacted.chunks.filter((chunk) => chunk.dir === 'c2s').flatMap((chunk) => framer.push(chunk.bytes).map((frame) => (frame.kind === 'packet' ? frame.bytes.slice() : new Uint8Array())));
    const decodedConnect = decoder.decode('c2s', packets[0]);
    expect(decodedConnect.problems).toEqual([]);
    expect(findField(decodedConnect.fields, FIELD_KEYS.password)?.value).toBe('*******');
    expect(findField(decodedConnect.fields, FIELD_KEYS.username)?.value).toBe('alice');
    expect(toHex(packets[0]).length).toBe(toHex(connect).length);
    // The payload that happens to spell the password is data, not a secret: untouched.
    expect(toHex(packets[1])).toBe(toHex(publish));
    const changed = [...packets[0]].filter((byte, index) => byte !== connect[index]).length;
    expect(changed).toBe('hunter2'.length + 'c3VwZXI='.length);
    const decodedAuth = decoder.decode('s2c', redacted.chunks[2].bytes);
    expect(new TextDecoder().decode(redacted.chunks[2].bytes)).not.toContain('proof');
    expect(decodedAuth.problems).toEqual([]);
    // The original is left as it was.
    expect(new TextDecoder().decode(session.chunks[1].bytes)).toContain('er2');
  });
});
