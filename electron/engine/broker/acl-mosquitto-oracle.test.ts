// mosquitto as the oracle for the ACL's read and write decisions: the same acl_file, the same
// clients (anonymous and two users), every writer publishing every topic, every reader
// subscribed to `#`; what reaches whom must be the same on both brokers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMosquittoProcess, type MosquittoProcess } from './mosquitto-process';
import { RawClient } from '../../../testing/raw-client';
import { toHex } from '@shared/mqtt';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import { startAedesBroker, type RunningBroker } from './aedes-broker';

const ACL = `# anonymous
topic readwrite open/#
topic deny open/secret
topic read ro/#
topic write shared/#
pattern readwrite clients/%c/#
pattern deny clients/%c/locked
pattern deny open/%c
pattern write users/%u/+
user alice
topic readwrite alice/#
topic deny alice/private/#
topic read open/#
topic write ro/#
user bob
topic write bob/#
pattern read shared/%u
`;
const USERS = [{ username: 'alice', password: 'a' }, { username: 'bob', password: 'b' }];
const IDENTITIES = [
  { name: 'anon', username: undefined },
  { name: 'alice', username: 'alice' },
  { name: 'bob', username: 'bob' },
] as const;
const TOPICS = [
  'open/x', 'open/secret', 'ro/x', 'alice/x', 'alice/private/x', 'bob/x', 'shared/alice', 'shared/bob',
  'users/alice/x', 'users/bob/x', 'users/anon/x',
  ...IDENTITIES.flatMap(({ name }) => [`open/w-${name}`, `open/r-${name}`, `clients/w-${name}/x`, `clients/r-${name}/x`, `clients/w-${name}/locked`, `clients/r-${name}/locked`]),
];

const running: { close(): Promise<void> }[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.abort();
  await Promise.all(running.splice(0).map((broker) => broker.close()));
});

async function client(port: number, clientId: string, username: string | undefined): Promise<RawClient> {
  const raw = await RawClient.connect(port);
  clients.push(raw);
  raw.send({ type: 'CONNECT', clientId, clean: true, keepAlive: 60, ...(username ? { username, password: USERS.find((user) => user.username === username)!.password } : {}) });
  expect(await raw.expect('20')).toBe('20020000');
  return raw;
}

/** Which `writer|topic` payloads each reader received. */
async function deliveries(port: number): Promise<Record<string, string[]>> {
  const readers = await Promise.all(IDENTITIES.map(({ name, username }) => client(port, `r-${name}`, username)));
  for (const reader of readers) {
    reader.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: '#', qos: 0 }] });
    await reader.expect('90');
  }
  for (const { name, username } of IDENTITIES) {
    const writer = await client(port, `w-${name}`, username);
    TOPICS.forEach((topic, index) => writer.send({ type: 'PUBLISH', topic, payload: `${name}|${topic}`, qos: 1, packetId: index + 1 }));
    await writer.expect(`4002${TOPICS.length.toString(16).padStart(4, '0')}`, 10_000);
  }
  // A marker, not a quiet spell: after every writer's last PUBACK, each reader publishes a marker
  // to a topic of its own (pattern readwrite clients/%c/#). It takes the same road through the
  // broker as the messages, after them, and a connection's messages arrive in order: once the
  // marker is back, nothing more is coming.
  const markers = await Promise.all(readers.map(async (reader, index) => {
    const marker: CraftPacket = { type: 'PUBLISH', topic: `clients/r-${IDENTITIES[index].name}/marker`, payload: 'marker', qos: 0 };
    reader.send(marker);
    const hex = toHex(encodePacket(marker));
    await reader.expect(hex);
    return reader.received.indexOf(hex);
  }));
  const payloads = (packets: string[]) =>
    packets.filter((hex) => hex.startsWith('30')).map((hex) => {
      const bytes = Buffer.from(hex, 'hex');
      const lengthBytes = bytes[1] & 0x80 ? 2 : 1;
      const topicLength = bytes.readUInt16BE(1 + lengthBytes);
      return bytes.subarray(3 + lengthBytes + topicLength).toString();
    });
  return Object.fromEntries(IDENTITIES.map(({ name }, index) => [name, payloads(readers[index].received.slice(0, markers[index])).sort()]));
}

describe('embedded broker ACL against mosquitto', () => {
  it('delivers exactly what mosquitto delivers, writer by writer and reader by reader', async () => {
    const mosquitto: MosquittoProcess = await startMosquittoProcess({ dir: mkdtempSync(path.join(tmpdir(), 'mqttscope-acl-oracle-')), users: USERS, allowAnonymous: true, acl: ACL });
    running.push({ close: () => mosquitto.stop() });
    const expected = await deliveries(mosquitto.port);

    const aedes: RunningBroker = await startAedesBroker({ users: USERS, allowAnonymous: true, acl: ACL });
    running.push(aedes);
    const actual = await deliveries(aedes.port);

    // The oracle must tell something: some messages pass, some do not, for every reader.
    for (const { name } of IDENTITIES) expect(expected[name].length, name).toBeGreaterThan(0);
    expect(Object.values(expected).flat().length).toBeLessThan(IDENTITIES.length * IDENTITIES.length * TOPICS.length);
    expect(actual).toEqual(expected);
  }, 60_000);
});
