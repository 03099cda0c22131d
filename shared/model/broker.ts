// What the local broker reports besides packets: who connected, who was refused and why, wills
// published and why, sessions taken over. Packets themselves travel as trace entries.
import { formatCount } from '../format-count';

/** What a client asked for that the ACL decided: its SUBSCRIBE, its PUBLISH, or a message delivered to it. */
export type AclEventOperation = 'subscribe' | 'publish' | 'deliver';

export type BrokerEvent =
  | { type: 'client-connected'; time: number; connectionId: string; clientId: string; clean: boolean }
  | { type: 'client-disconnected'; time: number; connectionId: string; clientId: string }
  /** `throttled` when the refusal was the login throttle's, not a verdict on the credentials. */
  | { type: 'refused'; time: number; connectionId: string; returnCode: number; reason: string; throttled?: boolean }
  | { type: 'connect-timeout'; time: number; connectionId: string; seconds: number }
  | { type: 'packet-too-large'; time: number; connectionId: string; declaredSize: number; maxPacketSize: number }
  /** A line of the persistence journal that was not replayed at start. */
  | { type: 'journal-line-skipped'; time: number; line: number; message: string }
  | { type: 'keepalive-timeout'; time: number; connectionId: string; clientId: string }
  | { type: 'will-published'; time: number; clientId: string; topic: string; reason: 'abnormal close' | 'keep-alive timeout' }
  | { type: 'session-taken-over'; time: number; clientId: string; connectionId: string }
  /** An access control decision: every refusal, and each allowed one once per connection, topic and operation. */
  | { type: 'acl'; time: number; connectionId: string; clientId: string; operation: AclEventOperation; topic: string; allowed: boolean; line?: number }
  /** Something the sessions view shows changed (at most a few a second): read it again. */
  | { type: 'sessions-changed'; time: number };

/** A message as the broker's views show it: where it goes, and the start of what it carries. */
export interface MessagePreview {
  topic: string;
  qos: number;
  retain: boolean;
  bytes: number;
  /** The first bytes as text when they are UTF-8, else as hex. */
  preview: string;
}

/** A session the local broker holds: live, or kept for a client that asked to persist. */
export interface BrokerSession {
  clientId: string;
  connected: boolean;
  clean: boolean;
  subscriptions: { topic: string; qos: number }[];
  /** QoS 1 and 2 messages waiting for the client. */
  queued: MessagePreview[];
  will?: MessagePreview;
}

/** An ACL decision in words, the same in the CLI and the activity view. */
export function describeAclDecision(event: Extract<BrokerEvent, { type: 'acl' }>): string {
  const client = event.clientId || '(empty id)';
  const what = {
    subscribe: `SUBSCRIBE to ${event.topic} for client ${client}`,
    publish: `PUBLISH to ${event.topic} from client ${client}`,
    deliver: `delivery of ${event.topic} to client ${client}`,
  }[event.operation];
  const because = event.line === undefined ? 'no ACL line grants it' : `ACL line ${event.line}`;
  return `${event.allowed ? 'allowed' : 'refused'} ${what}: ${because}`;
}

/** A connection closed for a packet over the broker's limit, in words, the same in the CLI and the activity view. */
export function describePacketTooLarge(event: Extract<BrokerEvent, { type: 'packet-too-large' }>): string {
  return `closed a connection whose packet announced ${formatCount(event.declaredSize)} bytes, over the limit of ${formatCount(event.maxPacketSize)}`;
}

/** The embedded broker's connect timeout unless one is asked for, whichever front door starts it. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
