// The recording proxy: one at a time, in front of a broker, each client connection through it
// recorded.
import type { RunningProxyInfo } from '@shared/contract';
import type { proxyRequests } from '@shared/contract/proxy';
import { startRecordingProxy, type RunningProxy } from '../proxy/recording-proxy';
import { LocalServerSlot } from '../local-server';
import type { ServerRecorder } from './broker';
import type { FeatureHandlers } from './handlers';

type LocalProxy = { running: RunningProxy; targetHost: string; targetPort: number };

const proxyInfo = ({ running, targetHost, targetPort }: LocalProxy): RunningProxyInfo => ({ host: running.host, port: running.port, targetHost, targetPort });

export class ProxyFeature {
  private readonly slot = new LocalServerSlot<LocalProxy>('The recording proxy');

  constructor(private readonly recorder: ServerRecorder) {}

  /** Where the proxy listens and forwards to, while it runs. */
  get local(): RunningProxyInfo | undefined {
    return this.slot.value && proxyInfo(this.slot.value);
  }

  readonly handlers: FeatureHandlers<typeof proxyRequests> = {
    'proxy.start': async ({ listenHost, listenPort, targetHost, targetPort }) =>
      proxyInfo(
        await this.slot.start(listenHost, listenPort, async () => ({
          running: await startRecordingProxy({ listenHost, listenPort, targetHost, targetPort, sink: this.recorder.sink, onChunk: this.recorder.onChunk }),
          targetHost,
          targetPort,
        })),
      ),
    'proxy.stop': async () => ({ stopped: await this.slot.stop() }),
  };

  /** Stops the proxy, if one runs; false when none did. */
  stop(): Promise<boolean> {
    return this.slot.stop();
  }
}
