// `mqttscope connect`: the handshake (and the plan), then DISCONNECT, printed as it happens:
// text lines by default, JSON lines with --json. Exit code 0 when the broker accepted.
import { ConnectionDecoder, describePacket, fromHex } from '@shared/mqtt';
import { buildSessionStory } from '@shared/model/session-story';
import type { TraceEntry } from '@shared/model/trace';
import { InspectingClient } from '../engine/client/inspecting-client';
import type { ConnectCommand } from './connect-options';

type Write = (line: string) => void;

/** How long to wait for the CONNACK, and for the planned flows to complete. */
const ANSWER_TIMEOUT_MS = 30_000;

const ARROWS = { c2s: '→', s2c: '←' } as const;

function textLine(entry: TraceEntry, start: number, decoder: ConnectionDecoder): string {
  const time = `+${(entry.time - start).toFixed(3)} ms`.padEnd(14);
  if (entry.kind === 'packet') return `${time}${ARROWS[entry.dir]}      ${describePacket(decoder.decode(entry.dir, fromHex(entry.hex)!))}`;
  if (entry.kind === 'frame-error') return `${time}${ARROWS[entry.dir]}      ${entry.hex.length / 2} bytes that are not MQTT: ${entry.message}`;
  const event = entry.event;
  switch (event.phase) {
    case 'dns': return `${time}DNS    ${event.host} → ${event.addresses.join(', ')} (${event.durationMs.toFixed(1)} ms)`;
    case 'tcp': return `${time}TCP    ${event.localAddress} → ${event.remoteAddress} (${event.durationMs.toFixed(1)} ms)`;
    case 'tls': {
      const leaf = event.chain[0];
      const trust = event.authorized ? 'trusted' : `NOT trusted: ${event.authorizationError}`;
      return `${time}TLS    ${event.protocol} ${event.cipher}${event.alpn ? ` ALPN ${event.alpn}` : ''} (${event.durationMs.toFixed(1)} ms); certificate ${leaf?.subject ?? '?'} [${leaf?.subjectAltNames ?? 'no alt names'}] by ${leaf?.issuer ?? '?'}, valid ${leaf?.validFrom} – ${leaf?.validTo}, ${trust}`;
    }
    case 'closed': return `${time}END    closed by ${event.by}${event.error ? `: ${event.error.message}` : ''}`;
  }
}

export async function runConnect(command: ConnectCommand, out: Write): Promise<number> {
  const entries: TraceEntry[] = [];
  const decoder = new ConnectionDecoder();
  let start: number | undefined;
  let wake: () => void = () => {};
  const client = new InspectingClient('cli', command.options, (entry) => {
    entries.push(entry);
    start ??= entry.time;
    if (command.json) {
      const { connectionId: _id, seq: _seq, time, ...rest } = entry;
      const body = entry.kind === 'packet' ? { event: 'packet', dir: entry.dir, hex: entry.hex, packet: decoder.decode(entry.dir, fromHex(entry.hex)!) } : entry.kind === 'lifecycle' ? { event: 'lifecycle', ...entry.event } : { event: 'frame-error', ...rest };
      out(JSON.stringify({ time: Math.round((time - start) * 1000) / 1000, ...body }));
    } else {
      out(textLine(entry, start, decoder));
    }
    wake();
  });
  const until = (check: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      wake = () => {
        if (check()) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      wake();
    });
  const story = () => buildSessionStory('cli', entries);
  const ended = () => entries.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed');

  client.start();
  await until(() => story().connack !== undefined || ended(), ANSWER_TIMEOUT_MS);
  if (story().connack?.accepted) {
    const plan = command.options.plan ?? {};
    const expectedFlows = (plan.subscriptions?.length ? 1 : 0) + (plan.publications ?? []).filter((publication) => publication.qos > 0).length;
    await until(() => ended() || story().flows.filter((flow) => flow.from === 'c2s' && flow.complete).length >= expectedFlows, ANSWER_TIMEOUT_MS);
    if (command.holdSeconds > 0) await until(ended, command.holdSeconds * 1000);
  }
  await client.close({ mode: command.abort ? 'abort' : 'disconnect' });

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
  return accepted ? 0 : 1;
}
