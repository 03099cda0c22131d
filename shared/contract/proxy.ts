// The contract's requests about the recording proxy: start it in front of a broker, stop it.
import { z } from 'zod';

export const proxyRequests = {
  'proxy.start': z.object({
    /** 127.0.0.1 unless the person asks for every interface. */
    listenHost: z.string().min(1).max(253).optional(),
    listenPort: z.number().int().min(0).max(65535).optional(),
    targetHost: z.string().trim().min(1, 'The broker to forward to needs a host').max(253),
    targetPort: z.number().int().min(1).max(65535),
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
