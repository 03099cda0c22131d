// Return codes (MQTT 3.1/3.1.1) and reason codes (MQTT 5) as data, with words for humans.
import { UNKNOWN_PROTOCOL_LEVEL, type PacketTypeName } from './constants';

export interface CodeMeaning {
  code: number;
  /** The name the specification gives the code. */
  name: string;
  /** What it usually means in practice, in one line. */
  explanation: string;
}

/** CONNACK return codes of MQTT 3.1 and 3.1.1 (v3.1.1 table 3.1), worded as in the seed. */
export const CONNACK_RETURN_CODES: readonly CodeMeaning[] = [
  { code: 0, name: 'Connection accepted', explanation: 'The broker accepted the connection.' },
  { code: 1, name: 'Connection refused, unacceptable protocol version', explanation: 'The broker does not speak the MQTT version in the CONNECT; try another version.' },
  { code: 2, name: 'Connection refused, identifier rejected', explanation: 'The client id is not allowed: empty with clean session off, too long, or bad characters.' },
  { code: 3, name: 'Connection refused, server unavailable', explanation: 'The network connection works but the MQTT service is unavailable; try again later.' },
  { code: 4, name: 'Connection refused, bad user name or password', explanation: 'The user name or password is malformed or wrong.' },
  { code: 5, name: 'Connection refused, not authorized', explanation: 'The client is not allowed to connect: anonymous access is off or the credentials are rejected.' },
];

export type ReasonPacket = Extract<
  PacketTypeName,
  'CONNACK' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP' | 'SUBACK' | 'UNSUBACK' | 'DISCONNECT' | 'AUTH'
>;

interface ReasonCodeRow extends CodeMeaning {
  packets: readonly ReasonPacket[];
}

const ACKS_WITH_ERRORS = ['CONNACK', 'PUBACK', 'PUBREC', 'SUBACK', 'UNSUBACK', 'DISCONNECT'] as const;

/** MQTT 5 reason codes (v5 section 2.4, table 2-6) and the packets that may carry each. */
export const REASON_CODES_V5: readonly ReasonCodeRow[] = [
  { code: 0x00, name: 'Success', explanation: 'The operation succeeded.', packets: ['CONNACK', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'UNSUBACK', 'AUTH'] },
  { code: 0x00, name: 'Normal disconnection', explanation: 'The connection was closed on purpose; the will is not sent.', packets: ['DISCONNECT'] },
  { code: 0x00, name: 'Granted QoS 0', explanation: 'Subscribed; messages arrive at most once.', packets: ['SUBACK'] },
  { code: 0x01, name: 'Granted QoS 1', explanation: 'Subscribed; messages arrive at least once.', packets: ['SUBACK'] },
  { code: 0x02, name: 'Granted QoS 2', explanation: 'Subscribed; messages arrive exactly once.', packets: ['SUBACK'] },
  { code: 0x04, name: 'Disconnect with Will Message', explanation: 'The client disconnects but asks the broker to publish its will.', packets: ['DISCONNECT'] },
  { code: 0x10, name: 'No matching subscribers', explanation: 'Accepted, but nobody is subscribed to the topic.', packets: ['PUBACK', 'PUBREC'] },
  { code: 0x11, name: 'No subscription existed', explanation: 'There was no such subscription to remove.', packets: ['UNSUBACK'] },
  { code: 0x18, name: 'Continue authentication', explanation: 'The enhanced authentication exchange goes on.', packets: ['AUTH'] },
  { code: 0x19, name: 'Re-authenticate', explanation: 'The client starts re-authentication.', packets: ['AUTH'] },
  { code: 0x80, name: 'Unspecified error', explanation: 'The peer failed and gave no more specific reason.', packets: ACKS_WITH_ERRORS },
  { code: 0x81, name: 'Malformed Packet', explanation: 'A packet could not be parsed as the specification requires.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x82, name: 'Protocol Error', explanation: 'A packet was valid but not allowed at that point of the conversation.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x83, name: 'Implementation specific error', explanation: 'The broker refused for a reason of its own; look at its logs.', packets: ACKS_WITH_ERRORS },
  { code: 0x84, name: 'Unsupported Protocol Version', explanation: 'The broker does not speak this MQTT version; try 3.1.1.', packets: ['CONNACK'] },
  { code: 0x85, name: 'Client Identifier not valid', explanation: 'The client id is not allowed by the broker.', packets: ['CONNACK'] },
  { code: 0x86, name: 'Bad User Name or Password', explanation: 'The credentials were not accepted.', packets: ['CONNACK'] },
  { code: 0x87, name: 'Not authorized', explanation: 'The client is not allowed to do this; check the broker ACL or credentials.', packets: ACKS_WITH_ERRORS },
  { code: 0x88, name: 'Server unavailable', explanation: 'The broker cannot take the connection now.', packets: ['CONNACK'] },
  { code: 0x89, name: 'Server busy', explanation: 'The broker is busy; try again later.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x8a, name: 'Banned', explanation: 'This client has been banned by the broker administrator.', packets: ['CONNACK'] },
  { code: 0x8b, name: 'Server shutting down', explanation: 'The broker is shutting down.', packets: ['DISCONNECT'] },
  { code: 0x8c, name: 'Bad authentication method', explanation: 'The authentication method is not supported or does not match.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x8d, name: 'Keep Alive timeout', explanation: 'Nothing arrived within 1.5 times the keep alive.', packets: ['DISCONNECT'] },
  { code: 0x8e, name: 'Session taken over', explanation: 'Another connection with the same client id took the session.', packets: ['DISCONNECT'] },
  { code: 0x8f, name: 'Topic Filter invalid', explanation: 'The topic filter is well formed but not accepted.', packets: ['SUBACK', 'UNSUBACK', 'DISCONNECT'] },
  { code: 0x90, name: 'Topic Name invalid', explanation: 'The topic name is well formed but not accepted.', packets: ['CONNACK', 'PUBACK', 'PUBREC', 'DISCONNECT'] },
  { code: 0x91, name: 'Packet Identifier in use', explanation: 'The packet identifier is already in use.', packets: ['PUBACK', 'PUBREC', 'SUBACK', 'UNSUBACK'] },
  { code: 0x92, name: 'Packet Identifier not found', explanation: 'The packet identifier is not known.', packets: ['PUBREL', 'PUBCOMP'] },
  { code: 0x93, name: 'Receive Maximum exceeded', explanation: 'More QoS 1/2 publications were in flight than the Receive Maximum allows.', packets: ['DISCONNECT'] },
  { code: 0x94, name: 'Topic Alias invalid', explanation: 'A topic alias was zero or above the allowed maximum.', packets: ['DISCONNECT'] },
  { code: 0x95, name: 'Packet too large', explanation: 'A packet exceeded the maximum packet size.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x96, name: 'Message rate too high', explanation: 'The received data rate is too high.', packets: ['DISCONNECT'] },
  { code: 0x97, name: 'Quota exceeded', explanation: 'An implementation or administrative quota was exceeded.', packets: ['CONNACK', 'PUBACK', 'PUBREC', 'SUBACK', 'DISCONNECT'] },
  { code: 0x98, name: 'Administrative action', explanation: 'The connection was closed by an administrator.', packets: ['DISCONNECT'] },
  { code: 0x99, name: 'Payload format invalid', explanation: 'The payload does not match the payload format indicator.', packets: ['CONNACK', 'PUBACK', 'PUBREC', 'DISCONNECT'] },
  { code: 0x9a, name: 'Retain not supported', explanation: 'The broker does not support retained messages.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x9b, name: 'QoS not supported', explanation: 'The broker does not support the QoS asked for.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x9c, name: 'Use another server', explanation: 'The client should temporarily use another broker.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x9d, name: 'Server moved', explanation: 'The client should permanently use another broker.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0x9e, name: 'Shared Subscriptions not supported', explanation: 'The broker does not support shared subscriptions.', packets: ['SUBACK', 'DISCONNECT'] },
  { code: 0x9f, name: 'Connection rate exceeded', explanation: 'The connection rate limit was exceeded; slow down reconnects.', packets: ['CONNACK', 'DISCONNECT'] },
  { code: 0xa0, name: 'Maximum connect time', explanation: 'The maximum connection time allowed was exceeded.', packets: ['DISCONNECT'] },
  { code: 0xa1, name: 'Subscription Identifiers not supported', explanation: 'The broker does not support subscription identifiers.', packets: ['SUBACK', 'DISCONNECT'] },
  { code: 0xa2, name: 'Wildcard Subscriptions not supported', explanation: 'The broker does not support wildcard subscriptions.', packets: ['SUBACK', 'DISCONNECT'] },
];

/**
 * The form a CONNACK's bytes are in (5, or the 3.x level), from its connection's level and its
 * remaining length. A v5 CONNACK is never shorter than three bytes: two answering a v5 CONNECT
 * are the 3.1.1 form [MQTT-3.1.2-2]; without its CONNECT, the length alone tells.
 */
export function connackForm(protocolLevel: number, remainingLength: number): number {
  if (protocolLevel === UNKNOWN_PROTOCOL_LEVEL) return remainingLength > 2 ? 5 : 4;
  return protocolLevel === 5 && remainingLength === 2 ? 4 : protocolLevel;
}

/** The meaning of a CONNACK code: the return code table for 3.x, the reason code table for 5. */
export function connackCodeMeaning(code: number, protocolLevel: number): CodeMeaning | undefined {
  return protocolLevel === 5
    ? reasonCodeMeaning('CONNACK', code)
    : CONNACK_RETURN_CODES.find((row) => row.code === code);
}

/** Reason codes indexed by packet and code (derived from the table above). */
const REASON_CODES_BY_PACKET = new Map<ReasonPacket, Array<CodeMeaning | undefined>>();
for (const row of REASON_CODES_V5) {
  for (const packet of row.packets) {
    const codes = REASON_CODES_BY_PACKET.get(packet) ?? new Array<CodeMeaning | undefined>(256).fill(undefined);
    codes[row.code] = row;
    REASON_CODES_BY_PACKET.set(packet, codes);
  }
}

export function reasonCodeMeaning(packet: ReasonPacket, code: number): CodeMeaning | undefined {
  return REASON_CODES_BY_PACKET.get(packet)?.[code];
}

export function formatCode(code: number, protocolLevel: number): string {
  return protocolLevel === 5 ? `0x${code.toString(16).padStart(2, '0')}` : String(code);
}
