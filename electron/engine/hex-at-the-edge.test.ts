// Bytes stay bytes inside the engine: from the socket to the store no packet becomes hex; hex is
// made when a person asks to see an entry. Held by counting every way hex is made: our `toHex`
// (every caller reaches it through its module) and Node's hex writer (`Buffer#toString('hex')`).
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testEngines } from '../../testing/test-engine';
import { until } from '../../testing/wait';

const hexCalls = vi.hoisted(() => ({ count: 0 }));

vi.mock('@shared/mqtt/hex', async (importOriginal) => {
  const real = await importOriginal<typeof import('@shared/mqtt/hex')>();
  return {
    ...real,
    toHex: (...args: Parameters<typeof real.toHex>) => {
      hexCalls.count++;
      return real.toHex(...args);
    },
  };
});

const engine = testEngines('hex-edge');
const MESSAGES = 500;

type HexSlice = (this: Buffer, start?: number, end?: number) => string;
const prototype = Buffer.prototype as unknown as { hexSlice: HexSlice };
const nodeHexSlice = prototype.hexSlice;
let nodeHexCalls = 0;

beforeEach(() => {
  hexCalls.count = 0;
  nodeHexCalls = 0;
  prototype.hexSlice = function (this: Buffer, start?: number, end?: number) {
    nodeHexCalls++;
    return nodeHexSlice.call(this, start, end);
  };
});
afterEach(() => {
  prototype.hexSlice = nodeHexSlice;
});

describe('hex only at the edge', () => {
  it('records a broker, its publisher and an inspecting subscriber without making hex, and makes it when an entry is asked for', async () => {
    const { instance, views } = engine();
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'hex-sub', clean: true, keepAlive: 30, plan: { subscriptions: [{ topic: 'edge/#', qos: 1 }] } });
    await until(() => !!views.get(connectionId)?.story.flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete), 'the SUBACK');
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { protocolVersion: 4, clientId: 'hex-pub', reconnectPeriod: 0 });
    for (let index = 0; index < MESSAGES; index++) publisher.publish(`edge/${index % 7}`, Buffer.from([0, 1, 2, index & 0xff]), { qos: (index % 2) as 0 | 1 });
    // CONNECT, SUBSCRIBE and a PUBACK for each QoS 1 message; CONNACK, SUBACK and every PUBLISH.
    const rows = 2 + MESSAGES / 2 + 2 + MESSAGES;
    await until(() => (views.get(connectionId)?.rows ?? 0) >= rows, `${MESSAGES} messages recorded`);
    await publisher.endAsync();
    expect({ toHex: hexCalls.count, nodeHex: nodeHexCalls }).toEqual({ toHex: 0, nodeHex: 0 });

    // A person asks to see entries: now, and only for those, hex is made.
    const asked = await instance.handle('sessions.entries', { id: connectionId, from: 0, count: 10 });
    const packets = asked.entries.filter((entry) => entry.kind === 'packet');
    expect(packets.length).toBeGreaterThan(0);
    expect(hexCalls.count + nodeHexCalls).toBeGreaterThanOrEqual(packets.length);
  });
});
