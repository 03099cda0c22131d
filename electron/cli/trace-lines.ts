// Trace entries as the command line prints them: a text line for people, a JSON line for
// programs (packet events carry dir, the packet's size in bytes, its hex and the decoded packet
// as `decode` prints it).
import { type ConnectionDecoder, type DecodedPacket, describePacket, PACKET_TYPE_IDS, toHex } from '@shared/mqtt';
import { describePlainPublish } from '@shared/mqtt/describe';
import { plainlyClean } from '@shared/mqtt/plainly-clean';
import type { LifecycleEvent, RecordedEntry, RecordedPacket } from '@shared/model/trace';
import { boundedJson, cutText } from './bounded-output';
import { DECODED_ROOM, MAX_LINE_CHARS } from '../engine/limits';

const ARROWS = { c2s: '→', s2c: '←' } as const;

const MAX_HEX_CHARS = MAX_LINE_CHARS - DECODED_ROOM;

export function textLine(entry: RecordedEntry, start: number, decoder: ConnectionDecoder): string {
  const time = `+${(entry.time - start).toFixed(3)} ms`.padEnd(14);
  if (entry.kind === 'packet') return `${time}${ARROWS[entry.dir]}      ${cutText(describeEntry(entry, decoder))}`;
  if (entry.kind === 'frame-error') return `${time}${ARROWS[entry.dir]}      ${entry.bytes.length} bytes that are not MQTT: ${entry.message}`;
  const event = entry.event;
  switch (event.phase) {
    case 'accepted':
      if (event.by === 'capture') return `${time}FOUND  ${event.clientAddress} → ${event.localAddress ?? '?'} (captured)`;
      return `${time}ACCEPT ${event.by === 'broker' ? 'local broker' : 'proxy'} accepted ${event.clientAddress}`;
    case 'dns': return `${time}DNS    ${event.host} → ${event.addresses.join(', ')} (${event.durationMs.toFixed(1)} ms)`;
    case 'tcp': return `${time}TCP    ${event.localAddress} → ${event.remoteAddress} (${event.durationMs.toFixed(1)} ms)`;
    case 'tls': {
      if (event.passive) return `${time}TLS    ${passiveTlsWords(event)}`;
      const leaf = event.chain[0];
      const trust = event.authorized ? 'trusted' : `NOT trusted: ${event.authorizationError}`;
      return `${time}TLS    ${event.protocol} ${event.cipher}${event.alpn ? ` ALPN ${event.alpn}` : ''} (${event.durationMs.toFixed(1)} ms); certificate ${leaf?.subject ?? '?'} [${leaf?.subjectAltNames ?? 'no alt names'}] by ${leaf?.issuer ?? '?'}, valid ${leaf?.validFrom} – ${leaf?.validTo}, ${trust}`;
    }
    case 'websocket': return `${time}WS     ${event.url} HTTP ${event.status}${event.protocol ? ` subprotocol ${event.protocol}` : ''} (${event.durationMs.toFixed(1)} ms)`;
    case 'closed': return `${time}END    closed by ${event.by}${event.error ? `: ${event.error.message}` : ''}`;
  }
}

/** A captured TLS handshake in words: what the client asked, what was chosen, the leaf, the alerts, the verdict. */
function passiveTlsWords(event: Extract<LifecycleEvent, { phase: 'tls' }>): string {
  const passive = event.passive!;
  const leaf = event.chain[0];
  const parts = [
    `${event.protocol} ${event.cipher} (${event.durationMs.toFixed(1)} ms)`,
    passive.serverName !== undefined ? `SNI ${passive.serverName}` : 'no SNI',
    `offered ${passive.offeredVersions.join(', ') || 'no version'}`,
    leaf ? `certificate ${leaf.subject} by ${leaf.issuer}, valid ${leaf.validFrom} – ${leaf.validTo}` : passive.certificatesHidden ? 'certificates encrypted (TLS 1.3)' : 'no certificate seen',
    ...passive.alerts.map((alert) => `${alert.from} alert ${alert.level} ${alert.description}`),
  ];
  return `${parts.join('; ')}; ${event.authorized ? 'completed' : (event.authorizationError ?? 'did not complete')}; the MQTT inside is encrypted`;
}

export function jsonLine(entry: RecordedEntry, start: number, decoder: ConnectionDecoder, extra: Record<string, unknown> = {}): string {
  const time = Math.round((entry.time - start) * 1000) / 1000;
  const body =
    entry.kind === 'packet'
      ? { event: 'packet', dir: entry.dir, bytes: entry.bytes.length, ...hexField(entry.bytes), packet: treeOf(entry, decoder) }
      : entry.kind === 'lifecycle'
        ? { event: 'lifecycle', ...entry.event }
        : { event: 'frame-error', dir: entry.dir, hex: toHex(entry.bytes), message: entry.message };
  return boundedJson({ time, ...extra, ...body });
}

/** A flood's PUBLISH the tap did not decode (plainly clean, told to nobody) is described from
 *  its facts; anything else from its tree. One read back from a file is checked here. */
function describeEntry(entry: RecordedPacket, decoder: ConnectionDecoder): string {
  const plain = entry.plainlyClean ?? (!entry.decoded && plainlyClean(entry.bytes, entry.protocolLevel));
  if (plain && entry.facts.type === PACKET_TYPE_IDS.PUBLISH) return describePlainPublish(entry.bytes, entry.facts);
  return describePacket(treeOf(entry, decoder));
}

/** The tree the tap decoded; a packet read back from a file is decoded here, in order. */
function treeOf(entry: RecordedPacket, decoder: ConnectionDecoder): DecodedPacket {
  return entry.decoded ?? decoder.decode(entry.dir, entry.bytes);
}

/** The packet's hex, whole while it fits in its share of the line; cut, its start and `truncated`. */
function hexField(bytes: Uint8Array): { hex: string; truncated?: true } {
  return bytes.length * 2 <= MAX_HEX_CHARS ? { hex: toHex(bytes) } : { hex: toHex(bytes, 0, MAX_HEX_CHARS >> 1), truncated: true };
}
