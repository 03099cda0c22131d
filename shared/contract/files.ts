// The contract's requests that carry files: one the person opens, sent in parts, and an export
// of sessions made into a file, read back in parts.
import { z } from 'zod';
import type { SessionSummary } from '../model/session-summary';
import { FILE_NAME_MAX_CHARS, FILE_PART_BYTES } from '../limits';
import { sessionId } from './sessions';

export const fileRequests = {
  /** A file the person opens (a saved trace, pcap or pcapng), sent in parts of at most
   *  FILE_PART_BYTES; the last part (`done`) reads it into sessions of the store. */
  'files.open': z.object({
    upload: z.string().uuid().optional(),
    name: z.string().max(FILE_NAME_MAX_CHARS),
    part: z.string().max(Math.ceil(FILE_PART_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A part is base64'),
    done: z.boolean(),
  }).strict(),
  /** Sessions as one file to save (a trace, or pcapng for Wireshark), secrets blanked unless
   *  `includeSecrets`; read it with `files.read`. */
  'sessions.export': z.object({
    ids: z.array(sessionId).min(1).max(1000),
    format: z.enum(['trace', 'pcapng']),
    includeSecrets: z.boolean().optional(),
  }).strict(),
  /** A part of an export, from `offset`, at most FILE_PART_BYTES, base64. */
  'files.read': z.object({ download: z.string().uuid(), offset: z.number().int().min(0) }).strict(),
} as const;

export interface FileResults {
  /** `alreadyHeld`: the ids among `sessions` the store held before (the same recording opened again: shown, not copied). */
  'files.open': { upload: string; sessions?: SessionSummary[]; alreadyHeld?: string[]; problems?: string[] };
  'sessions.export': { download: string; name: string; size: number };
  'files.read': { part: string; done: boolean };
}
