// The contract's requests about this app's own client connections: open, close, and what a
// person does on one that is open (publish, subscribe, unsubscribe).
import { z } from 'zod';
import { connectOptionsSchema, type ConnectOptions } from '../model/connect-options';
import { liveRequestSchemas, type LiveResults } from '../model/live-actions';

export const connectionRequests = {
  'connection.open': connectOptionsSchema.strict(),
  'connection.close': z.object({
    connectionId: z.string().min(1).max(64),
    /** `disconnect` (the default) sends DISCONNECT first; `abort` just drops the socket, so the will fires. */
    mode: z.enum(['disconnect', 'abort']).optional(),
    /** MQTT 5 DISCONNECT reason code. */
    reasonCode: z.number().int().min(0).max(255).optional(),
  }).strict(),
  ...liveRequestSchemas,
  /** This app's connections that are open now, with their options (a reloaded page reattaches). */
  'connections.live': z.object({}).strict(),
} as const;

export interface ConnectionResults extends LiveResults {
  'connection.open': { connectionId: string };
  'connection.close': { closed: boolean };
  'connections.live': { connections: { id: string; options: ConnectOptions }[] };
}
