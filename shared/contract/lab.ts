// The contract's requests about the handshake lab: its experiments, a run, its report.
import { z } from 'zod';
import { tlsSchema, websocketSchema } from '../model/connect-options';
import type { ExperimentInfo, LabResult } from '../model/lab';
import { hostSchema, LAB_RUN_LIMITS, mqttString, portSchema } from '../limits';

export const labRequests = {
  /** The handshake lab's experiments: name, title, clause, expectation. */
  'lab.list': z.object({}).strict(),
  /** Runs experiments (all without `names`) against `broker`, or the local broker when one runs;
   *  one run at a time. Their connections are recorded and shown like any other. */
  'lab.run': z.object({
    names: z.array(z.string().min(1).max(LAB_RUN_LIMITS.nameChars)).min(1).max(LAB_RUN_LIMITS.names).optional(),
    broker: z.object({
      host: hostSchema(),
      port: portSchema(),
      username: mqttString('Username').optional(),
      password: mqttString('Password').optional(),
      tls: tlsSchema.optional(),
      websocket: websocketSchema.optional(),
    }).strict().optional(),
  }).strict(),
  /** The lab's results for the broker it tested last, as a Markdown conformance report (each
   *  experiment's latest result; a run against another broker starts the report over). */
  'lab.report': z.object({}).strict(),
} as const;

export interface LabResults {
  'lab.list': { experiments: ExperimentInfo[] };
  'lab.run': { results: LabResult[] };
  'lab.report': { name: string; markdown: string };
}
