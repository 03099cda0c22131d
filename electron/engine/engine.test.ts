// The engine through its contract, as both hosts drive it: requests validated, the local broker
// started and stopped, traces and broker events pushed.
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import type { BrokerEvent } from '@shared/model/broker';
import type { SessionUpdate } from '@shared/model/session-view';
import { until } from '../../testing/wait';
import { Engine } from './engine';
import { MAX_ACL_CHARS } from '@shared/limits';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

function engine() {
  /** The latest view pushed of each session. */
  const views = new Map<string, SessionUpdate>();
  const events: BrokerEvent[] = [];
  /** The lab's pushed events, in the order they came. */
  const lab: ({ event: 'lab.progress'; payload: EventPayloads['lab.progress'] } | { event: 'lab.result'; payload: EventPayloads['lab.result'] })[] = [];
  const instance = new Engine({
    host: 'web',
    version: 'test',
    dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-engine-')),
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'trace.update') for (const view of (payload as EventPayloads['trace.update']).sessions) views.set(view.id, view);
      if (event === 'broker.event') events.push(payload as BrokerEvent);
      if (event === 'lab.progress' || event === 'lab.result') lab.push({ event, payload } as (typeof lab)[number]);
    },
  });
  engines.push(instance);
  return { instance, views, events, lab };
}

/** The story the engine pushed last for a session. */
const storyOf = (views: Map<string, SessionUpdate>, id: string) => views.get(id)?.story;

describe('Engine.answer: the one way both hosts answer a request', () => {
  it('answers a request with its result, a failure and a message that is not a request in words, and never throws', async () => {
    const { instance } = engine();
    expect(await instance.answer({ id: 7, method: 'app.info', params: {} })).toMatchObject({ id: 7, result: { host: 'web' } });
    expect(await instance.answer({ id: 8, method: 'broker.start', params: { kind: 'embedded', port: 99999 } })).toEqual({ id: 8, error: expect.stringMatching(/^Invalid parameters for broker.start: port/) });
    for (const message of [null, 'app.info', { id: 9, method: 'shell.exec', params: {} }, { method: 'app.info', params: {} }, { id: -3, method: 'app.info', params: {} }]) {
      expect(await instance.answer(message)).toEqual({ id: -1, error: 'The message is not a request of the contract' });
    }
  });
});

describe('Engine', () => {
  it('starts the embedded broker, traces both ends of a connection to it, and shows its sessions', async () => {
    const { instance, views, events } = engine();
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    expect(broker).toMatchObject({ kind: 'embedded', host: '127.0.0.1' });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'engine-1', clean: false, keepAlive: 30, plan: { subscriptions: [{ topic: 'e/#', qos: 1 }] } });
    await until(() => events.some((event) => event.type === 'client-connected'));
    await until(() => !!storyOf(views, connectionId)?.flows.some((flow) => flow.complete));
    const brokerSide = (events.find((event) => event.type === 'client-connected') as { connectionId: string }).connectionId;
    // The broker side's view is pushed in its own batch, which may come after the client's.
    await until(() => storyOf(views, brokerSide)?.connect !== undefined, "the broker side's story");
    expect(storyOf(views, brokerSide)?.connect).toMatchObject({ clientId: 'engine-1', clean: false });
    expect(await instance.handle('broker.sessions', {})).toMatchObject([{ clientId: 'engine-1', connected: true, subscriptions: [{ topic: 'e/#', qos: 1 }] }]);
    await instance.handle('connection.close', { connectionId });
    expect(await instance.handle('broker.stop', {})).toEqual({ stopped: true });
    expect(await instance.handle('broker.stop', {})).toEqual({ stopped: false });
  });

  it('runs mosquitto as the local broker for MQTT 5, traced through the proxy', async () => {
    const { instance, views } = engine();
    const broker = await instance.handle('broker.start', { kind: 'mosquitto', port: 0 });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '5', clientId: 'v5', clean: true, keepAlive: 30 });
    await until(() => storyOf(views, connectionId)?.connack !== undefined);
    expect(storyOf(views, connectionId)?.connack).toMatchObject({ accepted: true, protocolLevel: 5 });
    await until(() => views.size === 2 && [...views.values()].every((view) => view.story.connect));
    const proxied = [...views.keys()].find((id) => id !== connectionId)!;
    expect(storyOf(views, proxied)?.connect).toMatchObject({ clientId: 'v5', protocolLevel: 5 });
    await expect(instance.handle('broker.sessions', {})).rejects.toThrow('embedded broker only');
  });

  it('runs the recording proxy in front of a broker; each client connection is traced as the proxy\'s', async () => {
    const { instance, views } = engine();
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const proxy = await instance.handle('proxy.start', { targetHost: '127.0.0.1', targetPort: broker.port });
    expect(await instance.handle('local.status', {})).toEqual({ broker: { kind: 'embedded', host: '127.0.0.1', port: broker.port }, proxy: { host: '127.0.0.1', port: proxy.port, targetHost: '127.0.0.1', targetPort: broker.port } });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: proxy.port, protocolVersion: '3.1.1', clientId: 'via-proxy', clean: true, keepAlive: 30 });
    await until(() => views.size === 3 && [...views.values()].every((view) => view.story.connect));
    const origins = [...views.values()].map((view) => view.story);
    expect(origins.map((story) => [story.origin, story.connect?.clientId]).sort()).toEqual([['broker', 'via-proxy'], ['client', 'via-proxy'], ['proxy', 'via-proxy']]);
    await expect(instance.handle('proxy.start', { targetHost: '127.0.0.1', targetPort: broker.port })).rejects.toThrow('already running');
    await instance.handle('connection.close', { connectionId });
    expect(await instance.handle('proxy.stop', {})).toEqual({ stopped: true });
    expect(await instance.handle('local.status', {})).toEqual({ broker: { kind: 'embedded', host: '127.0.0.1', port: broker.port } });
  });

  it('passes the ACL text of broker.start to the embedded broker: refused with its line when it does not read, its decisions pushed as broker events', async () => {
    const { instance, events } = engine();
    await expect(instance.handle('broker.start', { kind: 'embedded', port: 0, acl: 'topic readwrite #\nuser\n' })).rejects.toThrow('The ACL does not read:\nline 2: "user" needs a user name');
    expect(await instance.handle('local.status', {})).toEqual({});
    await expect(instance.handle('broker.start', { kind: 'mosquitto', port: 0, acl: 'topic #' })).rejects.toThrow('embedded broker only');
    // What mosquitto would not apply is refused, never silently dropped.
    await expect(instance.handle('broker.start', { kind: 'mosquitto', port: 0, maxPacketSize: 1024 })).rejects.toThrow('A maximum packet size is applied by the embedded broker only');
    await expect(instance.handle('broker.start', { kind: 'mosquitto', port: 0, connectTimeoutSeconds: 5 })).rejects.toThrow('A connect timeout is applied by the embedded broker only');
    await expect(instance.handle('broker.start', { kind: 'mosquitto', port: 0, websocketPort: 0 })).rejects.toThrow('A WebSocket port is applied by the embedded broker only');
    await expect(instance.handle('broker.start', { kind: 'embedded', port: 0, acl: `#${' '.repeat(MAX_ACL_CHARS)}` })).rejects.toThrow(/Invalid parameters for broker.start: acl/);
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0, acl: 'topic readwrite #\ntopic deny test/nosubscribe\n' });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'acl-1', clean: true, keepAlive: 30, plan: { subscriptions: [{ topic: 'test/nosubscribe', qos: 1 }] } });
    await until(() => events.some((event) => event.type === 'acl'));
    expect(events.find((event) => event.type === 'acl')).toMatchObject({ clientId: 'acl-1', operation: 'subscribe', topic: 'test/nosubscribe', allowed: false, line: 2 });
    await instance.handle('connection.close', { connectionId });
  });

  it('refuses bad parameters and a busy port with messages a person can act on', async () => {
    const { instance } = engine();
    await expect(instance.handle('broker.start', { kind: 'embedded', port: 99999 })).rejects.toThrow(/Invalid parameters for broker.start: port/);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    await expect(instance.handle('broker.start', { kind: 'embedded', port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    blocker.close();
    await expect(instance.handle('broker.sessions', {})).rejects.toThrow('No local broker is running');
  });
});

describe('Engine profiles', () => {
  it('saves, lists and reads profiles through the contract; browser mode keeps secrets for the session', async () => {
    const { instance } = engine();
    expect(await instance.handle('app.info', {})).toMatchObject({ secretsEncrypted: false });
    const saved = await instance.handle('profiles.save', { name: 'Local', options: { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'p', clean: true, keepAlive: 60, password: 'pw' } });
    expect(saved).toMatchObject({ name: 'Local', secrets: 'session' });
    expect((await instance.handle('profiles.list', {})).profiles).toHaveLength(1);
    expect((await instance.handle('profiles.get', { id: saved.id })).options.password).toBe('pw');
    await expect(instance.handle('profiles.save', { name: '', options: { host: 'x', port: 1, protocolVersion: '5', clientId: '', clean: true, keepAlive: 0 } })).rejects.toThrow(/^A profile needs a name$/);
  });
});

describe('Engine lab', () => {
  it('refuses a run without a broker to test, an unknown experiment, a second run at once and a report mid-run, in words', async () => {
    const { instance } = engine();
    expect((await instance.handle('lab.list', {})).experiments.map((experiment) => experiment.name)).toContain('accepted');
    await expect(instance.handle('lab.run', {})).rejects.toThrow('Start the local broker or give a broker');
    await expect(instance.handle('lab.run', { names: ['x'.repeat(65)] })).rejects.toThrow(/Invalid parameters for lab.run: names.0/);
    await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    await expect(instance.handle('lab.run', { names: ['no-such'] })).rejects.toThrow('No experiment named no-such');
    const first = instance.handle('lab.run', { names: ['accepted'] });
    await expect(instance.handle('lab.run', { names: ['accepted'] })).rejects.toThrow('The lab is already running');
    await expect(instance.handle('lab.report', {})).rejects.toThrow('The lab is running; save its report when the run has ended');
    await first;
  });

  it('runs against the local broker as its user; each result names its connections, recorded in the trace store and pushed', async () => {
    const { instance, views } = engine();
    await instance.handle('broker.start', { kind: 'embedded', port: 0, users: [{ username: 'lab', password: 'secret' }], allowAnonymous: false });
    const { results } = await instance.handle('lab.run', { names: ['accepted', 'identifier-rejected', 'session-takeover'] });
    expect(Object.fromEntries(results.map((result) => [result.name, result.verdict]))).toEqual({ accepted: 'pass', 'identifier-rejected': 'pass', 'session-takeover': 'pass' });
    const ids = results.flatMap((result) => result.evidence.map((evidence) => evidence.connectionId));
    expect(ids).toHaveLength(5);
    // Ended connections are in the list again once their recording is complete.
    await until(() => ids.every((id) => views.get(id)?.open === false));
    const listed = (await instance.handle('sessions.list', {})).sessions;
    for (const id of ids) expect(listed.find((session) => session.id === id)).toMatchObject({ origin: 'client' });
    expect(storyOf(views, results[1].evidence[0].connectionId)?.connack).toMatchObject({ code: 2 });
    // Each connection is tagged with the run and the experiment that opened it, closed or not.
    const run = views.get(ids[0])?.lab?.run;
    expect(run).toEqual(expect.any(String));
    for (const result of results) for (const { connectionId } of result.evidence) {
      expect(views.get(connectionId)?.lab).toEqual({ run, experiment: result.name });
      expect((await instance.handle('sessions.view', { id: connectionId })).lab).toEqual({ run, experiment: result.name });
    }
    // The broker's side of each is tagged with the same run: by the run its client id names, or
    // (an empty client id) by its peer, the lab's connection.
    await until(() => [...views.values()].filter((view) => view.origin === 'broker' && !view.open).length === ids.length, undefined, 'the broker sides closed');
    const brokerSides = [...views.values()].filter((view) => view.origin === 'broker');
    expect(brokerSides.map((view) => view.lab)).toEqual(ids.map(() => ({ run, experiment: expect.stringMatching(/^(accepted|identifier-rejected|session-takeover)$/) })));
    const listedBrokerSides = (await instance.handle('sessions.list', {})).sessions.filter((session) => session.origin === 'broker');
    expect(listedBrokerSides.map((session) => session.lab?.run)).toEqual(ids.map(() => run));
    const { results: again } = await instance.handle('lab.run', { names: ['accepted'] });
    // Views are pushed in batches: the new connection's may come after lab.run has answered.
    const againId = again[0].evidence[0].connectionId;
    await until(() => views.get(againId)?.lab !== undefined, undefined, 'the second run’s connection pushed');
    expect(views.get(againId)?.lab).toEqual({ run: expect.not.stringMatching(run!), experiment: 'accepted' });
  }, 30_000);

  it('pushes each result as it is known, before lab.run answers, and reports the broker tested last in Markdown', async () => {
    const { instance, lab } = engine();
    await expect(instance.handle('lab.report', {})).rejects.toThrow('No lab run yet: run an experiment first');
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const where = `127.0.0.1:${broker.port}`;
    const pushedBeforeAnswer = await instance.handle('lab.run', { names: ['accepted', 'identifier-rejected'] }).then(({ results }) => ({ results, pushed: [...lab] }));
    const { results } = pushedBeforeAnswer;
    expect(pushedBeforeAnswer.pushed).toEqual([
      { event: 'lab.progress', payload: { broker: where, running: { name: 'accepted', title: 'Accepted connection' }, done: 0, total: 2 } },
      { event: 'lab.result', payload: results[0] },
      { event: 'lab.progress', payload: { broker: where, running: { name: 'identifier-rejected', title: 'Identifier rejected' }, done: 1, total: 2 } },
      { event: 'lab.result', payload: results[1] },
      { event: 'lab.progress', payload: { broker: where, done: 2, total: 2 } },
    ]);

    // Each experiment's latest result against this broker, in the lab's order, with its packets in hex.
    await instance.handle('lab.run', { names: ['session-takeover'] });
    const report = await instance.handle('lab.report', {});
    expect(report.name).toMatch(new RegExp(`^mqtt-scope-lab-127\\.0\\.0\\.1-${broker.port}-.*\\.md$`));
    const headings = report.markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Accepted connection — pass', '## Identifier rejected — pass', '## Session takeover — pass']);
    for (const packet of results.flatMap((result) => result.evidence.flatMap((evidence) => evidence.packets))) expect(report.markdown).toContain(packet.hex);
    expect(results.flatMap((result) => result.evidence)).not.toHaveLength(0);

    // Another broker (here the same one by another name) starts the report over.
    await instance.handle('lab.run', { names: ['accepted'], broker: { host: 'localhost', port: broker.port } });
    const other = await instance.handle('lab.report', {});
    expect(other.markdown).toContain(`# MQTT conformance report: localhost:${broker.port}`);
    expect(other.markdown.split('\n').filter((line) => line.startsWith('## '))).toEqual(['## Accepted connection — pass']);
  }, 30_000);
});

describe('live actions through the contract', () => {
  it('refuses a malformed publication before it reaches a connection, and an action on a connection that is not open', async () => {
    const { instance } = engine();
    const publish = (publication: unknown) => instance.answer({ id: 1, method: 'connection.publish', params: { connectionId: 'nope', publication } });
    expect(await publish({ topic: 't', payloadHex: 'zz', qos: 0, retain: false })).toMatchObject({ error: expect.stringMatching(/hex/) });
    expect(await publish({ topic: '', payloadHex: '', qos: 0, retain: false })).toMatchObject({ error: expect.stringMatching(/topic/) });
    expect(await publish({ topic: 't', payloadHex: '', qos: 3, retain: false })).toMatchObject({ error: expect.any(String) });
    expect(await publish({ topic: 't', payloadHex: '00'.repeat(1024 * 1024 + 1), qos: 0, retain: false })).toMatchObject({ error: expect.stringMatching(/at most 1024 KiB/) });
    expect(await publish({ topic: 't', payloadHex: '', qos: 0, retain: false })).toEqual({ id: 1, error: expect.stringMatching(/^This connection is not open/) });
    expect(await instance.answer({ id: 2, method: 'connection.subscribe', params: { connectionId: 'nope', subscriptions: [{ topic: 't', qos: 0, retainHandling: 3 }] } })).toMatchObject({ error: expect.any(String) });
    expect(await instance.answer({ id: 3, method: 'connection.subscriptions', params: { connectionId: 'nope' } })).toEqual({ id: 3, result: { subscriptions: [] } });
  });

  it('subscribes, publishes with a repeat and reports its progress, on a connection to the embedded broker', async () => {
    const { instance, views } = engine();
    const repeats: EventPayloads['connection.repeat'][] = [];
    const broker = await instance.handle('broker.start', { kind: 'embedded', host: '127.0.0.1', port: 0 });
    const options = (instance as unknown as { options: { emit: (event: EventName, payload: unknown) => void } }).options;
    const emit = options.emit;
    options.emit = (event, payload) => {
      if (event === 'connection.repeat') repeats.push(payload as EventPayloads['connection.repeat']);
      emit(event, payload);
    };
    const { connectionId } = await instance.handle('connection.open', { host: broker.host, port: broker.port, protocolVersion: '3.1.1', clientId: 'live-engine', clean: true, keepAlive: 30 });
    const accepted = () => storyOf(views, connectionId)?.connack?.accepted === true;
    await until(accepted, 5000, 'the CONNACK');
    expect(await instance.handle('connection.subscribe', { connectionId, subscriptions: [{ topic: 'loop/#', qos: 1 }] })).toMatchObject({ results: [{ topic: 'loop/#', ok: true }] });
    expect((await instance.handle('connection.subscriptions', { connectionId })).subscriptions).toMatchObject([{ subscription: { topic: 'loop/#' }, outcome: { ok: true, grantedQos: 1 } }]);
    expect(await instance.handle('connection.publish', { connectionId, publication: { topic: 'loop/a', payloadHex: '6869', qos: 1, retain: false }, repeat: { count: 20, intervalMs: 1 } })).toMatchObject({ repeating: true });
    await expect(instance.handle('connection.publish', { connectionId, publication: { topic: 'loop/a', payloadHex: '', qos: 0, retain: false }, repeat: { count: 5, intervalMs: 1 } })).rejects.toThrow(/already running/);
    await until(() => repeats.some((progress) => progress.done), 10_000, 'the repeat to end');
    expect(repeats.at(-1)).toEqual({ connectionId, sent: 20, count: 20, done: true });
    expect(await instance.handle('connection.stopRepeat', { connectionId })).toEqual({ stopped: false });
  });
});
