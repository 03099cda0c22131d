// The topic tree through the contract: bad questions refused before they reach a session, and a
// real connection to the embedded broker whose received messages become a tree with counts,
// its retained message listed and then cleared by an empty retained PUBLISH of its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import type { SessionUpdate } from '@shared/model/session-view';
import { until, untilAsked } from '../../testing/wait';
import { testEngines } from '../../testing/test-engine';

const engine = testEngines('engine-topics');

describe('topic requests', () => {
  it('refuses questions outside the contract, in words', async () => {
    const { instance } = engine();
    const refused: [string, unknown][] = [
      ['sessions.topics', { id: 'x', limit: 0 }],
      ['sessions.topics', { id: 'x', limit: 501 }],
      ['sessions.topics', { id: 'x', limit: 10, parent: 'a', search: 'b' }],
      ['sessions.topics', { id: 'x', limit: 10, search: '' }],
      ['sessions.topics', { id: '../etc', limit: 10 }],
      ['sessions.topicMessages', { id: 'x', topic: '', limit: 10 }],
      ['sessions.topicMessages', { id: 'x', topic: 'a', limit: 10, beforeSeq: -1 }],
      ['sessions.retained', { id: 'x', limit: 10, extra: true }],
      ['sessions.topicPayloads', { id: 'x', topic: 'a', limit: 10_001 }],
      ['sessions.topicPayloads', { id: 'x', topic: 'a', limit: 10, afterSeq: -1 }],
      ['sessions.topicPayloads', { id: 'x', topic: '', limit: 10 }],
    ];
    for (const [method, params] of refused) {
      expect(await instance.answer({ id: 1, method, params }), JSON.stringify(params)).toEqual({ id: 1, error: expect.stringMatching(new RegExp(`^Invalid parameters for ${method.replace('.', '\\.')}`)) });
    }
    expect(await instance.answer({ id: 2, method: 'sessions.topics', params: { id: 'no-such-session', limit: 10 } })).toEqual({ id: 2, error: 'No such session' });
  });

  it('builds the tree of what a connection received, lists its retained message and sees it cleared', async () => {
    const { instance, views } = engine();
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const publications = [
      ...Array.from({ length: 6 }, (_, n) => ({ topic: `plant/line-${n % 2}/temp`, payload: `t${n}`, qos: 1 as const })),
      { topic: 'plant/status', payload: 'running', qos: 1 as const, retain: true },
    ];
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'tree', clean: true, keepAlive: 60, plan: { subscriptions: [{ topic: 'plant/#', qos: 1 }], publications } });
    await untilAsked(async () => (await instance.handle('sessions.topics', { id: connectionId, limit: 10 })).levels[0]?.totalMessages === 7, 10_000, 'the seven messages back');
    const plant = await instance.handle('sessions.topics', { id: connectionId, parent: 'plant', limit: 10 });
    expect(plant.levels.map(({ path, totalMessages, children }) => ({ path, totalMessages, children }))).toEqual([
      { path: 'plant/line-0', totalMessages: 3, children: 1 },
      { path: 'plant/line-1', totalMessages: 3, children: 1 },
      { path: 'plant/status', totalMessages: 1, children: 0 },
    ]);
    expect(plant.levels[2]).toMatchObject({ lastValue: 'running', messages: 1 });
    const line1 = await instance.handle('sessions.topicMessages', { id: connectionId, topic: 'plant/line-1/temp', limit: 2 });
    expect(line1.total).toBe(3);
    expect(line1.rows.map((row) => row.summary)).toEqual([expect.stringContaining('plant/line-1/temp'), expect.stringContaining('plant/line-1/temp')]);
    const older = await instance.handle('sessions.topicMessages', { id: connectionId, topic: 'plant/line-1/temp', limit: 2, beforeSeq: line1.rows[1].seq });
    expect(older.rows).toHaveLength(1);

    // A second connection subscribes and is sent the retained message, flagged retained.
    const { connectionId: second } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'tree-2', clean: true, keepAlive: 60, plan: { subscriptions: [{ topic: 'plant/status', qos: 0 }] } });
    const payloads = await instance.handle('sessions.topicPayloads', { id: connectionId, topic: 'plant/line-1/temp', limit: 10 });
    expect(payloads).toMatchObject({ messages: [{ text: 't1' }, { text: 't3' }, { text: 't5' }], more: false, total: 3 });

    await untilAsked(async () => (await instance.handle('sessions.retained', { id: second, limit: 10 })).total === 1, 10_000, 'the retained message');
    expect((await instance.handle('sessions.retained', { id: second, limit: 10 })).messages).toEqual([expect.objectContaining({ topic: 'plant/status', cleared: false, value: 'running' })]);
    await until(() => views.get(second)?.story.connack !== undefined);
    await instance.handle('connection.publish', { connectionId: second, publication: { topic: 'plant/status', payloadHex: '', qos: 0, retain: true } });
    await untilAsked(async () => (await instance.handle('sessions.retained', { id: second, limit: 10 })).messages[0]?.cleared === true, 10_000, 'the retained message cleared');
    // The broker itself keeps nothing for the topic once it has read the empty PUBLISH.
    await untilAsked(async () => (await instance.handle('broker.retained', {})).length === 0, 10_000, 'the broker to drop it');
  });
});
