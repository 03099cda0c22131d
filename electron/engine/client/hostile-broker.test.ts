// What real brokers will not produce on request, from a scripted broker: each case gets a
// clear diagnosis, and the client neither crashes nor buffers without bound.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '@shared/model/session-story';
import { toTraceEntry, type TraceEntry } from '@shared/model/trace';
import { startScriptedBroker, type Script, type ScriptedBroker } from '../../../testing/scripted-broker';
import { until } from '../../../testing/wait';
import { DISCONNECT_GRACE_MS, InspectingClient } from './inspecting-client';

const brokers: ScriptedBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function against(script: Script, overrides: Partial<ConnectOptions> = {}): Promise<{ story: SessionStory; entries: TraceEntry[] }> {
  const broker = await startScriptedBroker(script);
  brokers.push(broker);
  const entries: TraceEntry[] = [];
  const client = new InspectingClient('h', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'h', clean: true, keepAlive: 30, ...overrides }, (entry) => entries.push(toTraceEntry(entry)));
  client.start();
  await client.closed;
  return { story: buildSessionStory('h', entries), entries };
}

const answer = (packet: CraftPacket, thenClose = true): Script => (socket) => {
  socket.write(encodePacket(packet));
  if (thenClose) socket.end();
};

describe('a broker that misbehaves', () => {
  it.each([
    ['return code 3', { type: 'CONNACK', code: 3 }, 4, /server unavailable \(3\)/],
    ['return code 4', { type: 'CONNACK', code: 4 }, 4, /bad user name or password \(4\)/],
    ['v5 reason 0x86', { type: 'CONNACK', code: 0x86, protocolLevel: 5, properties: [] }, 5, /Bad User Name or Password \(0x86\)/],
    ['v5 reason 0x8A', { type: 'CONNACK', code: 0x8a, protocolLevel: 5, properties: [] }, 5, /Banned \(0x8a\)/],
  ] as const)('%s: the refusal, in words', async (_name, packet, level, title) => {
    const { story } = await against(answer(packet as CraftPacket), { protocolVersion: level === 5 ? '5' : '3.1.1' });
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: expect.stringMatching(title) });
  });

  it('v5 reason 0x9C with a server reference: where to go instead', async () => {
    const { story } = await against(answer({ type: 'CONNACK', code: 0x9c, protocolLevel: 5, properties: [{ id: 0x1c, value: 'mqtt2.example:1883' }] }), { protocolVersion: '5' });
    expect(story.diagnosis).toMatchObject({ title: expect.stringMatching(/Use another server \(0x9c\)/), detail: expect.stringContaining('mqtt2.example:1883') });
  });

  it('a CONNACK that never comes: the client gives up and says so', async () => {
    const { story } = await against(() => {}, { plan: { stepTimeoutMs: 300 } });
    expect(story.end).toMatchObject({ by: 'error', error: { code: 'ERR_CONNACK_TIMEOUT' } });
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: 'The broker never answered the CONNECT' });
  });

  it('a close right after the CONNECT', async () => {
    const { story } = await against((socket) => socket.end());
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: 'The broker closed the connection without a CONNACK' });
  });

  it('garbage bytes', async () => {
    const { story } = await against((socket) => socket.end(Buffer.from('ffd8ffe000104a464946', 'hex')));
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: 'The broker sent bytes that are not MQTT' });
  });

  it('a remaining length of four 0xff bytes: the client closes, keeping only a sample of what follows', async () => {
    const { story, entries } = await against((socket) => {
      socket.write(Buffer.from('20ffffffff', 'hex'));
      socket.write(Buffer.alloc(1_000_000, 0x41));
    });
    expect(story.diagnosis).toMatchObject({ title: 'The broker sent bytes that are not MQTT', detail: expect.stringMatching(/continues past four bytes/) });
    expect(story.end).toMatchObject({ by: 'error', error: { code: 'ERR_MALFORMED' } });
    const kept = entries.reduce((sum, entry) => sum + ('hex' in entry && entry.dir === 's2c' ? entry.hex.length / 2 : 0), 0);
    expect(kept).toBeLessThan(64 * 1024);
  });

  it('a packet over the maximum packet size is reported from its header and skipped, not buffered', async () => {
    const huge = encodePacket({ type: 'PUBLISH', topic: 't', payload: new Uint8Array(2_000_000) });
    const { story, entries } = await against(
      (socket) => {
        socket.write(encodePacket({ type: 'CONNACK', code: 0 }));
        socket.end(huge);
      },
      { plan: { maxPacketSize: 1_000_000 } },
    );
    expect(story.connack?.accepted).toBe(true);
    expect(story.diagnosis).toMatchObject({ title: 'The broker sent a packet larger than the maximum packet size' });
    const oversize = entries.find((entry) => entry.kind === 'frame-error');
    expect(oversize).toMatchObject({ reason: 'oversize' });
    expect((oversize as { hex: string }).hex.length / 2).toBeLessThan(8);
  });

  it('a broker that holds the socket after the DISCONNECT: the client closes it after a short grace', async () => {
    const broker = await startScriptedBroker((socket) => {
      socket.write(encodePacket({ type: 'CONNACK', code: 0 }));
      // Never closes, and ignores the client's FIN: `allowHalfOpen` keeps its side open.
    });
    brokers.push(broker);
    const entries: TraceEntry[] = [];
    const client = new InspectingClient('h', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'h', clean: true, keepAlive: 30 }, (entry) => entries.push(toTraceEntry(entry)));
    client.start();
    await until(() => buildSessionStory('h', entries).connack !== undefined, 5000, 'the CONNACK');
    // The grace on a fake clock: the client gives up at DISCONNECT_GRACE_MS, not before, however slow the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let closed = false;
      const closing = client.close().then(() => (closed = true));
      vi.advanceTimersByTime(DISCONNECT_GRACE_MS - 1);
      for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(closed).toBe(false);
      vi.advanceTimersByTime(1);
      await closing;
    } finally {
      vi.useRealTimers();
    }
    expect(buildSessionStory('h', entries).end).toMatchObject({ by: 'client', disconnectSent: true });
  }, 20_000);
});
