// The engine's packet bounds at their edges, where the engine applies them: one default maximum
// packet size for the tap, the client and the embedded broker, and the traced-packet cap.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePacket } from '@shared/mqtt/encode';
import type { BrokerEvent } from '@shared/model/broker';
import type { RecordedEntry } from '@shared/model/trace';
import { startScriptedBroker, type ScriptedBroker } from '../../testing/scripted-broker';
import { until } from '../../testing/wait';
import { startAedesBroker, type RunningBroker } from './broker/aedes-broker';
import { InspectingClient } from './client/inspecting-client';
import { DEFAULT_MAX_PACKET_SIZE, MAX_TRACED_PACKET_SIZE } from './limits';
import { ConnectionTap } from './trace/tap';

/** The fixed header of a PUBLISH whose whole packet is `total` bytes (its length in four bytes). */
function headerOfPublish(total: number): Uint8Array {
  let remaining = total - 5;
  const header = [0x30];
  for (let index = 0; index < 4; index++) {
    header.push((remaining % 128) | (index < 3 ? 0x80 : 0));
    remaining = Math.floor(remaining / 128);
  }
  return Uint8Array.from(header);
}

/** A whole QoS 0 PUBLISH of `total` bytes on topic `t`. */
function publishOf(total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  bytes.set(headerOfPublish(total));
  bytes.set([0, 1, 0x74], 5);
  return bytes;
}

const oversize = (entries: RecordedEntry[]) => entries.filter((entry) => entry.kind === 'frame-error' && entry.reason === 'oversize');

describe('the tap', () => {
  it('takes a packet of the default maximum size and records one byte more from its header', () => {
    const entries: RecordedEntry[] = [];
    const tap = new ConnectionTap('c', (entry) => entries.push(entry));
    // At the bound the header is taken and the tap waits for the rest of the packet.
    tap.bytes('s2c', headerOfPublish(DEFAULT_MAX_PACKET_SIZE));
    expect(oversize(entries)).toEqual([]);
    const past = new ConnectionTap('d', (entry) => entries.push(entry));
    past.bytes('s2c', headerOfPublish(DEFAULT_MAX_PACKET_SIZE + 1));
    expect(oversize(entries)).toHaveLength(1);
  });

  it('never records whole a packet past the traced-packet cap, whatever the connection allows', () => {
    const entries: RecordedEntry[] = [];
    const tap = new ConnectionTap('c', (entry) => entries.push(entry), undefined, { maxPacketSize: 4 * MAX_TRACED_PACKET_SIZE });
    tap.bytes('s2c', headerOfPublish(MAX_TRACED_PACKET_SIZE));
    expect(oversize(entries)).toEqual([]);
    const past = new ConnectionTap('d', (entry) => entries.push(entry), undefined, { maxPacketSize: 4 * MAX_TRACED_PACKET_SIZE });
    past.bytes('s2c', headerOfPublish(MAX_TRACED_PACKET_SIZE + 1));
    expect(oversize(entries)).toHaveLength(1);
  });
});

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('the client, unless told otherwise', () => {
  async function receiving(header: Uint8Array): Promise<RecordedEntry[]> {
    const broker: ScriptedBroker = await startScriptedBroker((socket) => {
      socket.write(encodePacket({ type: 'CONNACK', code: 0 }));
      socket.end(header);
    });
    servers.push(broker);
    const entries: RecordedEntry[] = [];
    const client = new InspectingClient('c', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'c', clean: true, keepAlive: 30 }, (entry) => entries.push(entry));
    client.start();
    await client.closed;
    return entries;
  }

  it('waits for the rest of a packet of the default maximum size, and skips one byte more', async () => {
    const atBound = await receiving(headerOfPublish(DEFAULT_MAX_PACKET_SIZE));
    expect(oversize(atBound)).toEqual([]);
    expect(atBound).toContainEqual(expect.objectContaining({ kind: 'frame-error', reason: 'truncated' }));
    expect(oversize(await receiving(headerOfPublish(DEFAULT_MAX_PACKET_SIZE + 1)))).toHaveLength(1);
  });
});

describe('the embedded broker, unless told otherwise', () => {
  async function connected(): Promise<{ socket: net.Socket; events: BrokerEvent[]; received: () => Buffer; closed: () => boolean }> {
    const events: BrokerEvent[] = [];
    const running: RunningBroker = await startAedesBroker({ port: 0, onEvent: (event) => events.push(event) });
    servers.push(running);
    const socket = net.connect(running.port, '127.0.0.1');
    socket.on('error', () => {});
    const chunks: Buffer[] = [];
    let closed = false;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => (closed = true));
    socket.write(encodePacket({ type: 'CONNECT', clientId: 'big', clean: true, keepAlive: 60 }));
    await until(() => chunks.length > 0, 5000, 'the CONNACK');
    return { socket, events, received: () => Buffer.concat(chunks), closed: () => closed };
  }

  it('takes a packet of the default maximum size', async () => {
    const { socket, events, received, closed } = await connected();
    socket.write(publishOf(DEFAULT_MAX_PACKET_SIZE));
    socket.write(encodePacket({ type: 'PINGREQ' }));
    // The CONNACK's four bytes, then the PINGRESP: the PUBLISH before it was read, not refused.
    await until(() => received().length >= 6 || closed(), 30_000, 'the PINGRESP');
    expect(received().subarray(4, 6)).toEqual(Buffer.from([0xd0, 0x00]));
    expect(events.filter((event) => event.type === 'packet-too-large')).toEqual([]);
    socket.destroy();
  });

  it('closes the connection whose packet announces one byte more', async () => {
    const { socket, events, closed } = await connected();
    socket.write(headerOfPublish(DEFAULT_MAX_PACKET_SIZE + 1));
    await until(closed, 5000, 'the broker to close the connection');
    expect(events).toContainEqual(expect.objectContaining({ type: 'packet-too-large', declaredSize: DEFAULT_MAX_PACKET_SIZE + 1, maxPacketSize: DEFAULT_MAX_PACKET_SIZE }));
  });
});
