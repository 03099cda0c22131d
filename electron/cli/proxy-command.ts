// `mqttscope proxy --listen HOST:PORT --target HOST:PORT [--json]`: the recording proxy as a
// program. Prints where it listens, then every client connection's trace as it happens.
import { parseArgs } from 'node:util';
import { ConnectionDecoder } from '@shared/mqtt';
import { SessionStoryBuilder } from '@shared/model/session-story';
import { startRecordingProxy } from '../engine/proxy/recording-proxy';
import { jsonLine, textLine } from './trace-lines';
import { TraceFileWriter } from '../engine/trace-store/trace-file-writer';
import { savedOrFailed } from './save-flag';
import { UsageError } from './usage-error';
import { KEPT_FLOWS } from '../engine/limits';
import { inRange, PORT_OR_ANY_RANGE } from '@shared/limits';

export const PROXY_USAGE = `mqttscope proxy --target HOST:PORT [--listen HOST:PORT] [--save FILE] [--json]
  --target HOST:PORT           the broker to forward to
  --listen HOST:PORT           where clients connect (default 127.0.0.1:1884; port 0 picks one)
  --save FILE                  write every connection's trace to FILE (open it with mqttscope open)
  --json                       JSON lines, each with the connection's id`;

function hostPort(text: string | undefined, flag: string, fallback?: { host: string; port: number }): { host: string; port: number } {
  if (text === undefined) {
    if (fallback) return fallback;
    throw new UsageError(`${flag} HOST:PORT is required`);
  }
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || !inRange(port, PORT_OR_ANY_RANGE)) throw new UsageError(`${flag} must be HOST:PORT, not "${text}"`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

export async function runProxy(args: string[], out: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { listen: { type: 'string' }, target: { type: 'string' }, save: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const target = hostPort(values.target, '--target');
  const listen = hostPort(values.listen, '--listen', { host: '127.0.0.1', port: 1884 });
  // Each connection's story is read as its entries pass; no entry is kept.
  const sessions = new Map<string, { tag: number; decoder: ConnectionDecoder; start: number; story: SessionStoryBuilder }>();
  const saving = values.save === undefined ? undefined : new TraceFileWriter(values.save, 'proxy');
  let next = 1;
  const proxy = await startRecordingProxy({
    listenHost: listen.host,
    listenPort: listen.port,
    targetHost: target.host,
    targetPort: target.port,
    onChunk: saving ? (id, dir, chunk, time) => saving.chunk(id, dir, chunk, time) : undefined,
    sink: (entry) => {
      saving?.entry(entry);
      let session = sessions.get(entry.connectionId);
      if (!session) {
        session = { tag: next++, decoder: new ConnectionDecoder(), start: entry.time, story: new SessionStoryBuilder(entry.connectionId, KEPT_FLOWS) };
        sessions.set(entry.connectionId, session);
      }
      session.story.add(entry);
      if (values.json) {
        out(jsonLine(entry, session.start, session.decoder, { connection: entry.connectionId }));
      } else {
        out(`#${session.tag} ${textLine(entry, session.start, session.decoder)}`);
        const story = entry.kind === 'lifecycle' && entry.event.phase === 'closed' ? session.story.story() : undefined;
        if (story?.diagnosis) out(`#${session.tag} ${story.diagnosis.layer}: ${story.diagnosis.title}. ${story.diagnosis.hint}`);
      }
      if (entry.kind === 'lifecycle' && entry.event.phase === 'closed') sessions.delete(entry.connectionId);
    },
  });
  out(values.json ? JSON.stringify({ event: 'listening', host: proxy.host, port: proxy.port, target }) : `Recording proxy on ${proxy.host}:${proxy.port} → ${target.host}:${target.port} (Ctrl-C stops it)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await proxy.close();
  return savedOrFailed(saving, values.save);
}
