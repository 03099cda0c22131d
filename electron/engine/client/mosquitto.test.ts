// The inspecting client against a real mosquitto: every handshake outcome the seed describes,
// persistent sessions, the will, keep alive — read back through the session story.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, findField, fromHex, toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '@shared/model/session-story';
import { toTraceEntry, type PacketEntry, type TraceEntry } from '@shared/model/trace';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';
import { InspectingClient, type CloseRequest } from './inspecting-client';

const run = promisify(execFile);
let open: Mosquitto;
let secured: Mosquitto;
beforeAll(async () => {
  [open, secured] = await Promise.all([
    startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-mosquitto-'))),
    startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-mosquitto-')), [{ username: 'alice', password: 'secret' }]),
  ]);
});
afterAll(() => Promise.all([open?.stop(), secured?.stop()]));

interface Run {
  client: InspectingClient;
  entries: TraceEntry[];
  packets: () => PacketEntry[];
  story: () => SessionStory;
  waitFor: (check: (run: Run) => boolean, timeoutMs?: number) => Promise<void>;
}

function connect(overrides: Partial<ConnectOptions>, broker = open): Run {
  const entries: TraceEntry[] = [];
  const options: ConnectOptions = { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: `t-${Math.random().toString(36).slice(2, 10)}`, clean: true, keepAlive: 30, ...overrides };
  const client = new InspectingClient('c', options, (entry) => entries.push(toTraceEntry(entry)));
  const run: Run = {
    client,
    entries,
    packets: () => entries.filter((entry): entry is PacketEntry => entry.kind === 'packet'),
    story: () => buildSessionStory('c', entries),
    // The bound only ends a wait that would never finish (wide enough for a busy machine).
    waitFor: async (check, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!check(run)) {
        if (Date.now() > deadline) throw new Error(`timed out; trace: ${run.packets().map((p) => `${p.dir}:${p.typeName}`).join(' ')}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  client.start();
  return run;
}

const connacked = (run: Run) => run.story().connack !== undefined;
const ended = (run: Run) => run.story().end !== undefined;

async function handshake(overrides: Partial<ConnectOptions>, broker = open, close: CloseRequest = {}): Promise<SessionStory> {
  const run = connect(overrides, broker);
  await run.waitFor((r) => connacked(r) || ended(r));
  await run.client.close(close);
  return run.story();
}

describe('handshakes with mosquitto', () => {
  it.each(['3.1', '3.1.1', '5'] as const)('MQTT %s is accepted', async (protocolVersion) => {
    const story = await handshake({ protocolVersion });
    expect(story.connack).toMatchObject({ accepted: true, code: 0, protocolLevel: { '3.1': 3, '3.1.1': 4, '5': 5 }[protocolVersion] });
    expect(story.phases.map((phase) => phase.name)).toEqual(['DNS lookup', 'TCP connect', 'CONNECT → CONNACK']);
    expect(story.diagnosis).toBeUndefined();
  });

  it('a crafted CONNECT of protocol level 9 gets return code 1', async () => {
    const raw = toHex(encodePacket({ type: 'CONNECT', clientId: 'lvl9', protocolLevel: 9 }));
    const story = await handshake({ plan: { rawConnectHex: raw } });
    expect(story.connack).toMatchObject({ accepted: false, code: 1 });
    expect(story.diagnosis?.title).toMatch(/unacceptable protocol version \(1\)/);
  });

  it('MQTT 5 with an empty client id gets an assigned client identifier', async () => {
    const story = await handshake({ protocolVersion: '5', clientId: '' });
    expect(story.connack?.assignedClientId).toMatch(/^auto-/);
  });

  it.each([
    ['3.1.1', 5, 'Connection refused, not authorized'],
    ['5', 0x87, 'Not authorized'],
  ] as const)('MQTT %s with a wrong password is refused (%i)', async (protocolVersion, code, name) => {
    const story = await handshake({ protocolVersion, username: 'alice', password: 'wrong' }, secured);
    expect(story.connack).toMatchObject({ accepted: false, code, name });
    expect(story.diagnosis?.layer).toBe('MQTT');
  });
});

describe('MQTT 5 properties and every QoS flow with mosquitto', () => {
  it('sends the CONNECT and will properties asked for, and mosquitto accepts them', async () => {
    const run = connect({
      protocolVersion: '5',
      properties: { sessionExpiryInterval: 120, receiveMaximum: 20, maximumPacketSize: 65536, topicAliasMaximum: 5, requestProblemInformation: true, userProperties: [['site', 'lab'], ['site', 'desk']] },
      will: { topic: 'will/v5', payload: 'bye', qos: 1, retain: false, properties: { willDelayInterval: 5, contentType: 'text/plain', correlationData: '0a0b' } },
    });
    await run.waitFor(connacked);
    await run.client.close();
    expect(run.story().connack?.accepted).toBe(true);
    const sent = decode(fromHex(run.packets()[0].hex)!);
    const ids = (key: string) => findField(sent.fields, key)!.children!.filter((child) => child.key === 'mqtt.property_id').map((child) => child.value);
    expect(ids('mqtt.properties')).toEqual([0x11, 0x21, 0x27, 0x22, 0x17, 0x26, 0x26]);
    expect(ids('mqtt.will_properties')).toEqual([0x18, 0x03, 0x09]);
    expect(sent.problems).toEqual([]);
  });

  it('completes QoS 2 in both directions', async () => {
    const topic = `qos2/${Date.now()}`;
    const run = connect({ plan: { subscriptions: [{ topic, qos: 2 }], publications: [{ topic, payload: 'exactly once', qos: 2 }] } });
    await run.waitFor((r) => r.story().flows.filter((flow) => flow.complete).length === 3);
    await run.client.close();
    const flows = run.story().flows.map((flow) => `${flow.from} ${flow.kind}: ${flow.steps.map((step) => step.typeName).join(' > ')}`);
    expect(flows.sort()).toEqual([
      'c2s PUBLISH QoS 2: PUBLISH > PUBREC > PUBREL > PUBCOMP',
      'c2s SUBSCRIBE: SUBSCRIBE > SUBACK',
      's2c PUBLISH QoS 2: PUBLISH > PUBREC > PUBREL > PUBCOMP',
    ]);
  });

  it('unsubscribes', async () => {
    const run = connect({ plan: { unsubscriptions: ['somewhere/#'] } });
    await run.waitFor((r) => r.story().flows.some((flow) => flow.complete));
    await run.client.close();
    expect(run.story().flows).toMatchObject([{ kind: 'UNSUBSCRIBE', topic: 'somewhere/#', complete: true }]);
  });
});

describe('capture order with mosquitto', () => {
  it('a burst of QoS 1 messages and the PUBACKs sent for them are recorded in time order', async () => {
    const topic = `burst/${Date.now()}`;
    const subscriber = connect({ plan: { subscriptions: [{ topic, qos: 1 }] } });
    await subscriber.waitFor((run) => run.story().flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete));
    // mosquitto sends the burst in few TCP segments: several PUBLISHes arrive in one chunk, and
    // the client answers the first before the tap has read the next.
    await run('sh', ['-c', `seq 1 300 | mosquitto_pub -h 127.0.0.1 -p ${open.port} -t ${topic} -q 1 -l`]);
    await subscriber.waitFor((r) => r.packets().filter((p) => p.typeName === 'PUBACK').length === 300);
    await subscriber.client.close();
    const entries = subscriber.entries;
    for (let index = 1; index < entries.length; index++) {
      expect(entries[index].seq).toBe(entries[index - 1].seq + 1);
      expect(entries[index].time, `entry ${index} (${JSON.stringify(entries[index]).slice(0, 120)})`).toBeGreaterThanOrEqual(entries[index - 1].time);
    }
  }, 20_000);
});

describe('sessions with mosquitto', () => {
  it('a persistent session: present on reconnect, with the QoS 1 message published while offline', async () => {
    const clientId = `persist-${Date.now()}`;
    const first = connect({ clientId, clean: false, plan: { subscriptions: [{ topic: `inbox/${clientId}`, qos: 1 }] } });
    await first.waitFor((run) => run.story().flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete));
    expect(first.story().connack?.sessionPresent).toBe(false);
    await first.client.close();

    const publisher = connect({ plan: { publications: [{ topic: `inbox/${clientId}`, payload: 'while you were away', qos: 1 }] } });
    await publisher.waitFor((run) => run.story().flows.some((flow) => flow.kind === 'PUBLISH QoS 1' && flow.complete));
    await publisher.client.close();

    const second = connect({ clientId, clean: false });
    await second.waitFor((run) => run.story().flows.some((flow) => flow.from === 's2c' && flow.complete));
    await second.client.close();
    const story = second.story();
    expect(story.connack?.sessionPresent).toBe(true);
    const delivered = second.packets().find((entry) => entry.dir === 's2c' && entry.typeName === 'PUBLISH')!;
    expect(findField(decode(fromHex(delivered.hex)!).fields, 'mqtt.msg_text')?.value).toBe('while you were away');
    expect(story.flows.find((flow) => flow.from === 's2c')).toMatchObject({ kind: 'PUBLISH QoS 1', steps: [{ typeName: 'PUBLISH' }, { typeName: 'PUBACK' }], complete: true });
  });

  it.each([
    ['an abnormal end', 'abort', true],
    ['a DISCONNECT', 'disconnect', false],
  ] as const)('the will is published after %s: %s', async (_name, mode, fires) => {
    const topic = `status/${Date.now()}-${mode}`;
    const watcher = connect({ plan: { subscriptions: [{ topic: `${topic}/#`, qos: 0 }] } });
    await watcher.waitFor((run) => run.story().flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete));
    const device = connect({ will: { topic, payload: 'offline', qos: 0, retain: false } });
    await device.waitFor(connacked);
    await device.client.close({ mode });
    const received = (name: string) => watcher.packets().some((entry) => entry.dir === 's2c' && entry.typeName === 'PUBLISH' && findField(decode(fromHex(entry.hex)!).fields, 'mqtt.topic')?.value === name);
    const willArrived = () => received(topic);
    if (fires) {
      await watcher.waitFor(willArrived);
    } else {
      // A message sent after the DISCONNECT reaches the watcher after any will would have.
      const probe = connect({ plan: { publications: [{ topic: `${topic}/probe`, payload: '', qos: 1 }] } });
      await watcher.waitFor(() => received(`${topic}/probe`));
      await probe.client.close();
    }
    await watcher.client.close();
    expect(willArrived()).toBe(fires);
  });

  it('records keep-alive pings and their round trips', async () => {
    const run = connect({ keepAlive: 1 });
    await run.waitFor((r) => (r.story().keepAlive?.pings.filter((ping) => ping.roundTripMs !== undefined).length ?? 0) >= 1);
    await run.client.close();
    const keepAlive = run.story().keepAlive!;
    expect(keepAlive).toMatchObject({ seconds: 1, deadlineMs: 1500, exceeded: false });
    // A round trip is recorded, paired with its PINGREQ and the PINGRESP that answered it; how
    // long it took is the broker's and the machine's business, not the test's.
    const ping = keepAlive.pings[0];
    expect(Number.isFinite(ping.roundTripMs) && ping.roundTripMs! >= 0).toBe(true);
    const packets = run.packets();
    const sent = packets.find((packet) => packet.seq === ping.seq)!;
    expect(sent).toMatchObject({ dir: 'c2s', typeName: 'PINGREQ', time: ping.time });
    const answer = packets.find((packet) => packet.dir === 's2c' && packet.seq > sent.seq && packet.typeName === 'PINGRESP')!;
    expect(answer.time - sent.time).toBe(ping.roundTripMs);
  });
});
