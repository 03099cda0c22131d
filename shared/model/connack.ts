// The CONNACK in the words the UI and the diagnosis use: session present and the code's meaning.
import { decode, findField, fromHex, connackCodeMeaning, formatCode } from '../mqtt';

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

/** Reads a CONNACK's hex; undefined when the bytes do not hold one with a code. */
export function summarizeConnack(hex: string, protocolLevel: number): ConnackSummary | undefined {
  const bytes = fromHex(hex);
  if (!bytes) return undefined;
  const packet = decode(bytes, { protocolLevel });
  if (packet.type !== 2) return undefined;
  const sessionPresent = findField(packet.fields, 'mqtt.conack.flags.sp')?.value;
  const code = (findField(packet.fields, 'mqtt.conack.val') ?? findField(packet.fields, 'mqtt.connack.reason_code'))?.value;
  const level = packet.protocolLevel;
  if (typeof code !== 'number' || typeof sessionPresent !== 'boolean') return undefined;
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
