// Trace entries as the command line prints them: a text line for people, a JSON line for
// programs (packet events carry dir, the packet's size in bytes, its hex and the decoded packet
// as `decode` prints it).
import { type ConnectionDecoder, describePacket, fromHex } from '@shared/mqtt';
import type { TraceEntry } from '@shared/model/trace';
import { boundedJson, cutText } from './bounded-output';
import { DECODED_ROOM, MAX_LINE_CHARS } from '../engine/limits';

const ARROWS = { c2s: '→', s2c: '←' } as const;

const MAX_HEX_CHARS = MAX_LINE_CHARS - DECODED_ROOM;

export function textLine(entry: TraceEntry, start: number, decoder: ConnectionDecoder): string {
  const time = `+${(entry.time - start).toFixed(3)} ms`.padEnd(14);
  if (entry.kind === 'packet') return `${time}${ARROWS[entry.dir]}      ${cutText(describePacket(decoder.decode(entry.dir, fromHex(entry.hex)!)))}`;
  if (entry.kind === 'frame-error') return `${time}${ARROWS[entry.dir]}      ${entry.hex.length / 2} bytes that are not MQTT: ${entry.message}`;
  const event = entry.event;
  switch (event.phase) {
    case 'accepted': return `${time}ACCEPT ${event.by === 'broker' ? 'local broker' : 'proxy'} accepted ${event.clientAddress}`;
    case 'dns': return `${time}DNS    ${event.host} → ${event.addresses.join(', ')} (${event.durationMs.toFixed(1)} ms)`;
    case 'tcp': return `${time}TCP    ${event.localAddress} → ${event.remoteAddress} (${event.durationMs.toFixed(1)} ms)`;
    case 'tls': {
      const leaf = event.chain[0];
      const trust = event.authorized ? 'trusted' : `NOT trusted: ${event.authorizationError}`;
      return `${time}TLS    ${event.protocol} ${event.cipher}${event.alpn ? ` ALPN ${event.alpn}` : ''} (${event.durationMs.toFixed(1)} ms); certificate ${leaf?.subject ?? '?'} [${leaf?.subjectAltNames ?? 'no alt names'}] by ${leaf?.issuer ?? '?'}, valid ${leaf?.validFrom} – ${leaf?.validTo}, ${trust}`;
    }
    case 'websocket': return `${time}WS     ${event.url} HTTP ${event.status}${event.protocol ? ` subprotocol ${event.protocol}` : ''} (${event.durationMs.toFixed(1)} ms)`;
    case 'closed': return `${time}END    closed by ${event.by}${event.error ? `: ${event.error.message}` : ''}`;
  }
}

export function jsonLine(entry: TraceEntry, start: number, decoder: ConnectionDecoder, extra: Record<string, unknown> = {}): string {
  const time = Math.round((entry.time - start) * 1000) / 1000;
  const body =
    entry.kind === 'packet'
      ? { event: 'packet', dir: entry.dir, bytes: entry.hex.length / 2, ...hexField(entry.hex), packet: decoder.decode(entry.dir, fromHex(entry.hex)!) }
      : entry.kind === 'lifecycle'
        ? { event: 'lifecycle', ...entry.event }
        : { event: 'frame-error', dir: entry.dir, hex: entry.hex, message: entry.message };
  return boundedJson({ time, ...extra, ...body });
}

/** The packet's hex, whole while it fits in its share of the line; cut, its start and `truncated`. */
function hexField(hex: string): { hex: string; truncated?: true } {
  return hex.length <= MAX_HEX_CHARS ? { hex } : { hex: hex.slice(0, MAX_HEX_CHARS), truncated: true };
}
