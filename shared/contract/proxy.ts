// The contract's requests about the recording proxy: start it in front of a broker, stop it.
import { z } from 'zod';
import { hostSchema, portOrAnySchema, portSchema } from '../limits';

export const proxyRequests = {
  'proxy.start': z.object({
    /** 127.0.0.1 unless the person asks for every interface. */
    listenHost: hostSchema('Listen host').optional(),
    listenPort: portOrAnySchema('Listen port').optional(),
    targetHost: hostSchema('Forward-to host'),
    targetPort: portSchema('Forward-to port'),
  }).strict(),
  'proxy.stop': z.object({}).strict(),
} as const;

export interface RunningProxyInfo {
  host: string;
  port: number;
  targetHost: string;
  targetPort: number;
}

export interface ProxyResults {
  'proxy.start': RunningProxyInfo;
  'proxy.stop': { stopped: boolean };
}
