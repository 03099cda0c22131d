// A plain CONNECT sent to a port that expects TLS. A TLS listener reads the CONNECT as a record
// header it cannot accept, and answers with a TLS alert, or resets the connection with the
// CONNECT still unread (mosquitto, OpenSSL 3); a plain MQTT broker reads the whole CONNECT and
// answers it or closes. The diagnosis names which, from the first bytes that came back.
import { spacedHex } from '../payload/hex';
import type { Diagnosis } from './diagnosis';
import type { SessionStory } from './session-story';

/** Bytes of the broker's first answer kept to recognise a TLS record: its header and an alert's two bytes. */
export const ANSWER_START_BYTES = 7;

/** TLS record content types (RFC 8446 §5.1). */
const RECORD_TYPES: Record<number, string> = { 0x14: 'change cipher spec', 0x15: 'alert', 0x16: 'handshake', 0x17: 'application data' };
/** Alert descriptions (RFC 8446 §6.2) a server may send to a record that is not TLS. */
const ALERTS: Record<number, string> = { 10: 'unexpected message', 20: 'bad record MAC', 22: 'record overflow', 40: 'handshake failure', 47: 'illegal parameter', 50: 'decode error', 70: 'protocol version', 80: 'internal error' };

const TRY_TLS = 'Try mqtts://: this port expects TLS (MQTT over TLS is usually on 8883, plain MQTT on 1883).';

/** The TLS record `bytes` start with, in words; undefined when it is not one (type, version 3.0–3.4). */
export function tlsRecord(bytes: readonly number[]): string | undefined {
  const byte = (index: number) => bytes[index];
  const type = RECORD_TYPES[byte(0)];
  if (!type || bytes.length < 5 || byte(1) !== 3 || byte(2) > 4) return undefined;
  if (type !== 'alert' || bytes.length < 7) return `a TLS ${type} record`;
  return `a TLS alert (${byte(5) === 2 ? 'fatal' : 'warning'}: ${ALERTS[byte(6)] ?? `description ${byte(6)}`})`;
}

/** Why a plain CONNECT got no CONNACK, when what came back says TLS; undefined otherwise. */
export function diagnosePlainToTls(story: SessionStory, answerStart: readonly number[]): Diagnosis | undefined {
  const { connect, connack, end } = story;
  const overPlainTcp = !story.tls && !story.phases.some((phase) => phase.short === 'WebSocket');
  if (!connect || connack || story.origin === 'broker' || !overPlainTcp) return undefined;
  const record = tlsRecord(answerStart);
  if (record) return { layer: 'MQTT', title: 'This port expects TLS', detail: `It answered the CONNECT with ${record} (${spacedHex(Uint8Array.from(answerStart))}), not a CONNACK.`, hint: TRY_TLS };
  if (answerStart.length === 0 && end?.by === 'error' && end.error?.code === 'ECONNRESET') {
    return {
      layer: 'MQTT',
      title: 'This port probably expects TLS',
      detail: `It reset the connection (RST) ${(end.time - connect.time).toFixed(0)} ms after the CONNECT without a byte back, as a TLS listener does when the first bytes are not TLS.`,
      hint: TRY_TLS,
    };
  }
  return undefined;
}
