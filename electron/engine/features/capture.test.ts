// The engine capturing on the loopback while mosquitto's own clients talk to mosquitto: their
// connections become live sessions of origin "capture", as the app's own would.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureStatus } from '@shared/model/live-capture';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';
import { testEngines } from '../../../testing/test-engine';
import { until } from '../../../testing/wait';

const run = promisify(execFile);
const engines = testEngines('capture');
let mosquitto: Mosquitto;

beforeAll(async () => {
  mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-feature-')));
}, 60_000);
afterAll(() => mosquitto?.stop());

describe('capture from a network interface', () => {
  it('lists the interfaces, the loopback chosen first', async () => {
    const { instance } = engines();
    const { interfaces, defaultInterface, defaultFilter } = await instance.handle('capture.interfaces', {});
    expect(interfaces.map((found) => found.name)).toContain('lo');
    expect(defaultInterface).toBe('lo');
    expect(defaultFilter).toBe('tcp port 1883 or tcp port 8883 or tcp port 1884');
  });

  it('records each MQTT connection it sees as a live session with its story and end, and counts what it read', async () => {
    const { instance, views, events } = engines();
    const started = await instance.handle('capture.start', { interface: 'lo', filter: `tcp port ${mosquitto.port}` });
    expect(started).toMatchObject({ running: true, interface: 'lo', packets: 0 });
    await expect(instance.handle('capture.start', { interface: 'lo', filter: 'tcp' })).rejects.toThrow(/^A capture is already running on lo; stop it first/);

    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'plant/line1', '-m', 'on', '-i', 'line-controller', '-q', '1']);
    await until(() => [...views.values()].some((view) => view.story.origin === 'capture' && view.story.end !== undefined), 'the publisher’s session to end');
    const session = [...views.values()].find((view) => view.story.origin === 'capture')!;
    expect(session.story.connect).toMatchObject({ clientId: 'line-controller' });
    expect(session.story.connack).toMatchObject({ accepted: true });
    expect(session.story.flows.map((flow) => [flow.kind, flow.complete])).toEqual([['PUBLISH QoS 1', true]]);
    expect(session.story.end).toMatchObject({ by: 'client', disconnectSent: true });
    expect(session.story.phases.map((phase) => phase.name)).toEqual(['TCP connect', 'CONNECT → CONNACK']);

    const { stopped, status } = await instance.handle('capture.stop', {});
    expect(stopped).toBe(true);
    expect(status).toMatchObject({ running: false, connections: 1, dropped: 0 });
    expect(status!.packets).toBeGreaterThanOrEqual(10);
    expect(status!.error).toBeUndefined();
    const pushed = events.filter((event) => event.event === 'capture.status').map((event) => event.payload as CaptureStatus);
    expect(pushed.at(-1)).toEqual(status);
  });

  it('says in words when it cannot capture, and nothing stays running', async () => {
    const { instance } = engines();
    await expect(instance.handle('capture.start', { interface: 'no-such-interface0', filter: 'tcp' })).rejects.toThrow(/^The interface is not there \(any more\): choose another/);
    await expect(instance.handle('capture.start', { interface: 'lo', filter: 'this is not a filter' })).rejects.toThrow(/^dumpcap could not capture: .*(syntax error|filter)/i);
    expect(await instance.handle('capture.status', {})).toEqual({});
  });
});
