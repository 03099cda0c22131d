// `mqttscope connect`: the handshake (and the plan), then DISCONNECT, printed as it happens:
// text lines by default, JSON lines with --json. Exit code 0 when the broker accepted. The
// connection is the engine's (connection.open and connection.close of its connections feature),
// its entries printed as they pass instead of recorded.
import { ConnectionDecoder } from '@shared/mqtt';
import { SessionStoryBuilder } from '@shared/model/session-story';
import { ConnectionsFeature } from '../engine/features/connections';
import type { ConnectCommand } from './connect-options';
import { jsonLine, textLine } from './trace-lines';
import { TraceFileWriter } from '../engine/trace-store/trace-file-writer';
import { savedOrFailed } from './save-flag';
import { KEPT_FLOWS } from '../engine/limits';

type Write = (line: string) => void;

/** How long to wait for the planned flows to complete. The handshake needs no bound here: the
 *  client bounds each of its steps with the connection's timeout and ends with its diagnosis. */
const ANSWER_TIMEOUT_MS = 30_000;

export async function runConnect(command: ConnectCommand, out: Write): Promise<number> {
  // The story is read as entries pass; no entry is kept (a --hold on a busy topic runs for long).
  const builder = new SessionStoryBuilder('cli', KEPT_FLOWS);
  let ended = false;
  const decoder = new ConnectionDecoder();
  let start: number | undefined;
  let wake: () => void = () => {};
  let saving: TraceFileWriter | undefined;
  const connections = new ConnectionsFeature(
    {
      // The engine names the connection's recording; --save writes it under that name.
      recordSafely: (record) => {
        if (command.save !== undefined) saving = new TraceFileWriter(command.save, record.origin, { label: record.label, broker: record.broker });
        return undefined;
      },
      sink: (entry) => {
        saving?.entry(entry);
        builder.add(entry);
        if (entry.kind === 'lifecycle' && entry.event.phase === 'closed') ended = true;
        start ??= entry.time;
        out(command.json ? jsonLine(entry, start, decoder) : textLine(entry, start, decoder));
        wake();
      },
      onChunk: (id, dir, chunk, time) => saving?.chunk(id, dir, chunk, time),
    },
    () => {},
    () => 'cli',
  );
  const until = (check: () => boolean, timeoutMs?: number) =>
    new Promise<boolean>((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
      wake = () => {
        if (check()) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      wake();
    });
  const story = () => builder.story();

  const { connectionId } = await connections.handlers['connection.open'](command.options);
  await until(() => story().connack !== undefined || ended);
  if (story().connack?.accepted) {
    const plan = command.options.plan ?? {};
    const expectedFlows = (plan.subscriptions?.length ? 1 : 0) + (plan.publications ?? []).filter((publication) => publication.qos > 0).length;
    await until(() => ended || story().flows.filter((flow) => flow.from === 'c2s' && flow.complete).length >= expectedFlows, ANSWER_TIMEOUT_MS);
    if (command.holdSeconds > 0) await until(() => ended, command.holdSeconds * 1000);
  }
  await connections.handlers['connection.close']({ connectionId, mode: command.abort ? 'abort' : 'disconnect', reasonCode: command.disconnectReason });

  const final = story();
  const accepted = final.connack?.accepted === true;
  if (command.json) {
    out(JSON.stringify({ event: 'result', accepted, ...(final.connack ? { connack: final.connack } : {}), ...(final.diagnosis ? { diagnosis: final.diagnosis } : {}) }));
  } else if (accepted) {
    out(`Accepted: session present ${final.connack!.sessionPresent ? 1 : 0}${final.connack!.assignedClientId ? `, assigned client id "${final.connack!.assignedClientId}"` : ''}.`);
  } else {
    const diagnosis = final.diagnosis;
    out(diagnosis ? `Failed at ${diagnosis.layer}: ${diagnosis.title}.\n  ${diagnosis.detail}\n  Hint: ${diagnosis.hint}` : 'Failed: no CONNACK came.');
  }
  const saved = await savedOrFailed(saving, command.save);
  return accepted ? saved : 1;
}
