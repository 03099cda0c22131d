// mosquitto as the local broker, for MQTT 5: started on a free loopback port and reached through
// the recording proxy, so its traffic is traced like everything else. Its sessions are its
// own; the sessions view is the embedded broker's only.
import { startRecordingProxy } from '../proxy/recording-proxy';
import type { ChunkListener, TraceSink } from '../trace/tap';
import { startMosquittoProcess } from './mosquitto-process';
import type { BrokerUser } from './users';

export interface MosquittoBrokerOptions {
  host?: string;
  port?: number;
  users?: BrokerUser[];
  allowAnonymous?: boolean;
  /** Where its configuration and password file are written. */
  dir: string;
  sink: TraceSink;
  onChunk?: ChunkListener;
}

export interface RunningMosquitto {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startMosquittoBroker(options: MosquittoBrokerOptions): Promise<RunningMosquitto> {
  const mosquitto = await startMosquittoProcess(options);

  let proxy;
  try {
    proxy = await startRecordingProxy({ listenHost: options.host ?? '127.0.0.1', listenPort: options.port ?? 0, targetHost: '127.0.0.1', targetPort: mosquitto.port, sink: options.sink, onChunk: options.onChunk, acceptedBy: 'broker' });
  } catch (error) {
    await mosquitto.stop();
    throw error;
  }
  return {
    host: proxy.host,
    port: proxy.port,
    close: async () => {
      await proxy.close();
      await mosquitto.stop();
    },
  };
}
