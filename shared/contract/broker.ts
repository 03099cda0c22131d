// The contract's requests about the local broker: start and stop it, and (the embedded one)
// its sessions and retained messages.
import { z } from 'zod';
import type { BrokerSession, MessagePreview } from '../model/broker';
import { CONNECT_TIMEOUT_RANGE, hostSchema, MAX_ACL_CHARS, MAX_PACKET_BYTES, mqttString, portOrAnySchema } from '../limits';

export const brokerRequests = {
  'broker.start': z.object({
    /** `embedded` (Aedes: MQTT 3.1 and 3.1.1, sessions visible) or `mosquitto` (MQTT 5, behind the recording proxy). */
    kind: z.enum(['embedded', 'mosquitto']),
    /** 127.0.0.1 unless the person asks for every interface. */
    host: hostSchema().optional(),
    port: portOrAnySchema().optional(),
    users: z.array(z.object({ username: mqttString('Username').min(1), password: mqttString('Password') }).strict()).max(1000).optional(),
    allowAnonymous: z.boolean().optional(),
    connectTimeoutSeconds: z.number().min(CONNECT_TIMEOUT_RANGE.min).max(CONNECT_TIMEOUT_RANGE.max).optional(),
    /** The largest packet a client may send the embedded broker (default 16 MiB, the engine's DEFAULT_MAX_PACKET_SIZE). */
    maxPacketSize: z.number().int().min(2).max(MAX_PACKET_BYTES).optional(),
    /** Keep the embedded broker's sessions, queued and retained messages across restarts. */
    persist: z.boolean().optional(),
    /** The embedded broker's access control, as the text of a mosquitto acl_file. */
    acl: z.string().max(MAX_ACL_CHARS).optional(),
    /** Also serve MQTT over WebSocket on this port (0 picks one), at /mqtt: the embedded broker only. */
    websocketPort: portOrAnySchema('WebSocket port').optional(),
  }).strict(),
  'broker.stop': z.object({}).strict(),
  'broker.sessions': z.object({}).strict(),
  'broker.retained': z.object({}).strict(),
  'broker.purgeSession': z.object({ clientId: mqttString('Client ID').min(1) }).strict(),
  'broker.purgeRetained': z.object({ topic: mqttString('Topic').min(1) }).strict(),
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
