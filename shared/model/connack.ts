// The CONNACK in the words the UI and the diagnosis use: session present and the code's meaning.
import { findField, connackCodeMeaning, connackForm, formatCode, PACKET_TYPE_IDS, type DecodedPacket } from '../mqtt';
import { connackCode, FIELD_KEYS } from '../mqtt/field-keys';

export interface ConnackSummary {
  sessionPresent: boolean;
  code: number;
  /** `0` for 3.x, `0x86` for 5: the code as the specification writes it. */
  codeText: string;
  accepted: boolean;
  name: string;
  explanation: string;
  protocolLevel: number;
}

/** Reads a decoded CONNACK; undefined when it holds no code. */
export function summarizeConnack(packet: DecodedPacket): ConnackSummary | undefined {
  if (packet.type !== PACKET_TYPE_IDS.CONNACK) return undefined;
  const sessionPresent = findField(packet.fields, FIELD_KEYS.sessionPresent)?.value;
  const code = connackCode(packet);
  const remainingLength = findField(packet.fields, 'mqtt.len')?.value;
  if (typeof code !== 'number' || typeof sessionPresent !== 'boolean' || typeof remainingLength !== 'number') return undefined;
  const level = connackForm(packet.protocolLevel, remainingLength);
  const meaning = connackCodeMeaning(code, level);
  return {
    sessionPresent,
    code,
    codeText: formatCode(code, level),
    accepted: code === 0,
    name: meaning?.name ?? 'Unknown code',
    explanation: meaning?.explanation ?? 'This code is not defined by the specification.',
    protocolLevel: level,
  };
}
