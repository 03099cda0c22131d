// The contract's requests about the local broker: start and stop it, and (the embedded one)
// its sessions and retained messages.
import { z } from 'zod';
import { CONNECT_TIMEOUT_RANGE, MAX_PACKET_SIZE_LIMIT, type BrokerSession, type MessagePreview } from '../model/broker';

/** Longest ACL text the broker takes (1 MiB of characters). */
export const MAX_ACL_CHARS = 1024 * 1024;

export const brokerRequests = {
  'broker.start': z.object({
    /** `embedded` (Aedes: MQTT 3.1 and 3.1.1, sessions visible) or `mosquitto` (MQTT 5, behind the recording proxy). */
    kind: z.enum(['embedded', 'mosquitto']),
    /** 127.0.0.1 unless the person asks for every interface. */
    host: z.string().min(1).max(253).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    users: z.array(z.object({ username: z.string().min(1).max(65535), password: z.string().max(65535) }).strict()).max(1000).optional(),
    allowAnonymous: z.boolean().optional(),
    connectTimeoutSeconds: z.number().min(CONNECT_TIMEOUT_RANGE.min).max(CONNECT_TIMEOUT_RANGE.max).optional(),
    /** The largest packet a client may send the embedded broker (default 1 MiB). */
    maxPacketSize: z.number().int().min(2).max(MAX_PACKET_SIZE_LIMIT).optional(),
    /** Keep the embedded broker's sessions, queued and retained messages across restarts. */
    persist: z.boolean().optional(),
    /** The embedded broker's access control, as the text of a mosquitto acl_file. */
    acl: z.string().max(MAX_ACL_CHARS).optional(),
    /** Also serve MQTT over WebSocket on this port (0 picks one), at /mqtt: the embedded broker only. */
    websocketPort: z.number().int().min(0).max(65535).optional(),
  }).strict(),
  'broker.stop': z.object({}).strict(),
  'broker.sessions': z.object({}).strict(),
  'broker.retained': z.object({}).strict(),
  'broker.purgeSession': z.object({ clientId: z.string().min(1).max(65535) }).strict(),
  'broker.purgeRetained': z.object({ topic: z.string().min(1).max(65535) }).strict(),
} as const;

export interface RunningBrokerInfo {
  kind: 'embedded' | 'mosquitto';
  host: string;
  port: number;
  /** The WebSocket listener's port, when one was asked for. */
  websocketPort?: number;
}

export interface BrokerResults {
  'broker.start': RunningBrokerInfo;
  'broker.stop': { stopped: boolean };
  'broker.sessions': BrokerSession[];
  'broker.retained': MessagePreview[];
  'broker.purgeSession': { purged: true };
  'broker.purgeRetained': { purged: true };
}
