// The broker's journal: bounded while running, read line by line at start, and a line that
// cannot be replayed is reported with its number.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalPersistence } from './journal-persistence';

type Store = JournalPersistence & {
  storeRetained(packet: object): Promise<void>;
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<{ topic: string; payload: Buffer }>;
};

const retained = (topic: string, payload: string) => ({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: true, dup: false, brokerId: 'test', brokerCounter: 1 });

async function retainedPayloads(store: Store): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for await (const packet of store.createRetainedStreamCombi(['#'])) found[packet.topic] = packet.payload.toString();
  return found;
}

const open = async (dir: string, options = {}) => (await JournalPersistence.open(dir, options)) as Store;

describe('JournalPersistence', () => {
  it('rewrites itself while running once it has grown past its compact size: 5,000 retained publishes on one topic stay small', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-journal-'));
    const store = await open(dir, { compactAfterBytes: 64 * 1024, compactRatio: 2 });
    const writes: Promise<void>[] = [];
    for (let index = 0; index < 5_000; index++) {
      writes.push(store.storeRetained(retained('status', `reading ${index} ${'x'.repeat(100)}`)));
      if (index % 100 === 99) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    await store.destroy();
    // Appended in all: about 5,000 × 250 B = 1.2 MB. Rewritten as it went, it stays near the threshold.
    expect(statSync(path.join(dir, 'journal.jsonl')).size).toBeLessThan(200 * 1024);
    const reopened = await open(dir);
    expect(await retainedPayloads(reopened)).toEqual({ status: `reading 4999 ${'x'.repeat(100)}` });
    expect(reopened.problems).toEqual([]);
    await reopened.destroy();
  }, 60_000);

  it('holds every change exactly once across rewrites that happen while changes keep coming', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-journal-busy-'));
    const store = await open(dir, { compactAfterBytes: 16 * 1024, compactRatio: 1 });
    // Bursts that each start a rewrite, and the next burst arriving while it runs.
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 300 }, (_, index) => store.storeRetained(retained(`topic/${index % 50}`, `value ${round * 300 + index}`))));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const before = await retainedPayloads(store);
    // Rewrites happened in the middle of the burst, with changes waiting for them.
    expect(store.stats.rewrites).toBeGreaterThan(0);
    expect(store.stats.changesThatWaited).toBeGreaterThan(0);
    await store.destroy();
    const reopened = await open(dir);
    expect(await retainedPayloads(reopened)).toEqual(before);
    expect(Object.keys(before)).toHaveLength(50);
    expect(before['topic/49']).toBe('value 2999');
    await reopened.destroy();
  }, 60_000);

  it('reports a line it cannot replay with its number, and replays the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-journal-bad-'));
    const first = await open(dir);
    await first.storeRetained(retained('a', 'first'));
    await first.destroy();
    const file = path.join(dir, 'journal.jsonl');
    const good = readFileSync(file, 'utf8').trim();
    const odd = ['null', '{"op":"holdSession"}', '{"op":"addSubscriptions","args":[null,5]}', '{"op":"holdSession","args":[{}]}'];
    writeFileSync(file, `${good}\n{"op":"storeRetained","args":[{"topic":\n${good.replace('"a"', '"b"')}\n{"op":"formatDisk","args":[]}\n${odd.join('\n')}\n`);
    const store = await open(dir);
    expect(store.problems).toEqual([
      { line: 2, message: expect.stringMatching(/^not JSON, skipped/) },
      { line: 4, message: 'an unknown change "formatDisk", skipped' },
      { line: 5, message: 'not a change (an object with "op" and "args"), skipped' },
      { line: 6, message: 'not a change (an object with "op" and "args"), skipped' },
      { line: 7, message: expect.stringMatching(/^"addSubscriptions" could not be replayed/) },
      { line: 8, message: expect.stringMatching(/^"holdSession" could not be replayed \(no client id\)/) },
    ]);
    expect(await retainedPayloads(store)).toEqual({ a: 'first', b: 'first' });
    await store.destroy();
  });
});
