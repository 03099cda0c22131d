// The engine in a process of its own for `bench-capture`, as the app runs it: capturing on the
// loopback with dumpcap, every MQTT connection it sees recorded by its trace store. Told
// `counts` it answers with the rows its capture sessions hold so far (all of them, and the
// subscriber's, known by its client id), the CPU time it has used, and its memory; told
// `stop` it stops the capture and answers with the capture's end.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventName, EventPayloads } from '@shared/contract';
import { Engine } from '../../electron/engine/engine';

export type CaptureHostMessage =
  | { ready: true }
  | { counts: { rows: number; subscriberRows: number; cpuMs: number; rss: number; peakRss: number } }
  | { ended: { packets: number; dropped?: number; connections: number; error?: string } };

/** The most memory the process has held (VmHWM), in bytes. */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const subscriberId = process.argv[3];
  const rows = new Map<string, number>();
  const engine = new Engine({
    host: 'web',
    version: 'bench',
    dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-capture-')),
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event !== 'trace.update') return;
      for (const view of (payload as EventPayloads['trace.update']).sessions) if (view.origin === 'capture') rows.set(view.id, view.rows);
    },
  });
  await engine.handle('capture.start', { interface: 'lo', filter: `tcp port ${port}` });
  const send = (message: CaptureHostMessage) => process.send!(message);
  process.on('message', (message) => {
    // Counted in the store now, not as the last push (at most ten a second) told them.
    if (message === 'counts') {
      void Promise.all([...rows.keys()].map((id) => engine.handle('sessions.view', { id }))).then((views) => {
        const subscriberRows = views.find((view) => view.story.connect?.clientId === subscriberId)?.rows ?? 0;
        const cpu = process.cpuUsage();
        send({ counts: { rows: views.reduce((sum, view) => sum + view.rows, 0), subscriberRows, cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss, peakRss: peakRss() } });
      });
    }
    if (message === 'stop') {
      void engine.handle('capture.stop', {}).then(async ({ status }) => {
        send({ ended: { packets: status?.packets ?? 0, connections: status?.connections ?? 0, ...(status?.dropped !== undefined ? { dropped: status.dropped } : {}), ...(status?.error ? { error: status.error } : {}) } });
        await engine.dispose();
        process.exit(0);
      });
    }
  });
  send({ ready: true });
}

void main();
