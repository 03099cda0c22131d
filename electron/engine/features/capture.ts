// Capture from a network interface: one capture at a time, each MQTT connection it finds
// recorded as a live session of origin "capture", its counts pushed as `capture.status`.
import type { captureRequests } from '@shared/contract/capture';
import { formatEndpoint } from '@shared/model/capture';
import type { CaptureStatus } from '@shared/model/live-capture';
import { DEFAULT_CAPTURE_FILTER, listInterfaces, requireDumpcap } from '../capture/dumpcap';
import { LiveCapture } from '../capture/live-capture';
import type { EventSink, FeatureHandlers } from './handlers';
import type { Recording } from './recording';
import { CAPTURE_STATUS_MS } from '../limits';

/** The loopback's name on Linux and macOS: where a capture starts unless the person chooses. */
const LOOPBACK_NAMES = ['lo', 'lo0', 'Loopback'];

export class CaptureFeature {
  private capture: LiveCapture | undefined;
  private status: CaptureStatus | undefined;
  private starting = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly recording: Pick<Recording, 'sink' | 'onChunk' | 'recordSafely' | 'endRecording'>,
    private readonly emit: EventSink,
  ) {}

  readonly handlers: FeatureHandlers<typeof captureRequests> = {
    'capture.interfaces': async () => {
      const interfaces = await listInterfaces(await requireDumpcap());
      const loopback = interfaces.find((found) => LOOPBACK_NAMES.includes(found.name) || /loopback/i.test(found.description ?? ''));
      return { interfaces, defaultFilter: DEFAULT_CAPTURE_FILTER, ...(loopback ? { defaultInterface: loopback.name } : {}) };
    },
    'capture.start': async ({ interface: iface, filter }) => {
      if (this.capture || this.starting) throw new Error(`A capture is already running on ${this.status?.interface ?? iface}; stop it first`);
      this.starting = true;
      try {
        const dumpcap = await requireDumpcap();
        const status: CaptureStatus = { running: true, interface: iface, filter, startedAt: Date.now(), packets: 0, bytes: 0, connections: 0 };
        const capture = await LiveCapture.start({
          dumpcap,
          iface,
          filter,
          sink: this.recording.sink,
          onChunk: this.recording.onChunk,
          onConnection: (connectionId, { client, broker, startTime }) =>
            this.recording.recordSafely({ id: connectionId, origin: 'capture', label: `${formatEndpoint(client)} → ${formatEndpoint(broker)}`, broker, startTime }),
          onEnded: (connectionId, time) => this.recording.endRecording(connectionId, time),
        });
        this.capture = capture;
        this.status = status;
        this.timer = setInterval(() => this.tell(), CAPTURE_STATUS_MS);
        void capture.ended.then((end) => {
          clearInterval(this.timer);
          this.capture = undefined;
          this.status = { ...status, ...end.counts, running: false, ...(end.error ? { error: end.error } : {}) };
          this.emit('capture.status', this.status);
        });
        return this.tell()!;
      } finally {
        this.starting = false;
      }
    },
    'capture.stop': async () => {
      const capture = this.capture;
      if (!capture) return { stopped: false, ...(this.status ? { status: this.status } : {}) };
      await capture.stop();
      // The end's status is set in the same turn the capture ended, before this resumes.
      return { stopped: true, status: this.status! };
    },
    'capture.status': async () => (this.status ? { status: this.tell() } : {}),
  };

  /** Stops the capture, if one runs. */
  async stop(): Promise<void> {
    await this.capture?.stop();
  }

  /** The running capture's counts, pushed when they changed; the status as it is otherwise. */
  private tell(): CaptureStatus | undefined {
    if (this.capture && this.status) {
      const { packets, connections } = this.capture.counts;
      const changed = packets !== this.status.packets || connections !== this.status.connections;
      this.status = { ...this.status, ...this.capture.counts };
      if (changed) this.emit('capture.status', this.status);
    }
    return this.status;
  }
}
