// Capture from a network interface: dumpcap's pcapng read from its pipe as it comes, frames down
// to TCP, connections put back in order, and each MQTT connection recorded through a tap of its
// own as a live session, the same as the app's own connections. What dumpcap says when it cannot
// capture ends the capture in words; a block of the pipe that cannot be read ends it with its
// offset. Neither ends the engine.
import { randomUUID } from 'node:crypto';
import { DEFAULT_PORTS } from '@shared/model/broker-url';
import { UINT16_MAX } from '@shared/limits';
import { formatEndpoint } from '@shared/model/capture';
import { CaptureProblems, type CaptureProblem } from '../pcap/capture-problems';
import { PcapngReader, type InterfaceStatistics } from '../pcap/pcapng-file';
import { FrameReader } from '../pcap/read-capture';
import { ConnectionTap, type ChunkListener, type TraceSink } from '../trace/tap';
import { traceNow } from '../trace/clock';
import { explainDumpcapFailure, startDumpcap, type DumpcapProcess } from './dumpcap';
import { LiveStreams, type LiveConnection, type LiveTap } from './live-streams';
import type { TlsHandshakeSummary } from './tls-handshake';
import { tlsStep } from './tls-step';
import { MAX_CAPTURE_BLOCK_BYTES } from '../limits';

/** The port MQTT is often on beside 1883 and 8883 (the default filter's third). */
const ALTERNATIVE_MQTT_PORT = 1884;

export interface LiveCaptureOptions {
  dumpcap: string;
  iface: string;
  filter: string;
  sink: TraceSink;
  onChunk?: ChunkListener;
  /** An MQTT connection was found: its id is the one its entries carry (the recording names its session). */
  onConnection?: (connectionId: string, connection: LiveConnection) => void;
  /** The capture stopped following an open connection (it stopped, or too many were open): its
   *  recording ends at `time`, the connection did not. */
  onEnded?: (connectionId: string, time: number) => void;
}

export interface CaptureCounts {
  /** Frames and their bytes read from dumpcap. */
  packets: number;
  bytes: number;
  /** MQTT connections found. */
  connections: number;
  /** Packets the interface or the operating system dropped, once dumpcap has said. */
  dropped?: number;
}

export interface CaptureEnd {
  counts: CaptureCounts;
  /** Why it ended, when it was not asked to: dumpcap's complaint in words, or the pipe's broken block. */
  error?: string;
  problems: CaptureProblem[];
}

export class LiveCapture {
  readonly counts: CaptureCounts = { packets: 0, bytes: 0, connections: 0 };
  /** Settles when the capture has ended, asked to or not. */
  readonly ended: Promise<CaptureEnd>;
  private readonly problems = new CaptureProblems();
  private readonly reader: PcapngReader;
  private readonly streams: LiveStreams;
  private readonly process: DumpcapProcess;
  private stderr = '';
  private error: string | undefined;
  private stopping = false;

  private constructor(private readonly options: LiveCaptureOptions) {
    const frames = new FrameReader(this.problems);
    // The ports the person's filter names are the ones they mean to see MQTT on.
    const ports = new Set([DEFAULT_PORTS.mqtt, DEFAULT_PORTS.mqtts, ALTERNATIVE_MQTT_PORT, ...portsNamedIn(options.filter)]);
    this.streams = new LiveStreams(ports, (connection) => this.tapFor(connection));
    this.reader = new PcapngReader(
      (frame) => {
        this.counts.packets++;
        this.counts.bytes += frame.originalLength;
        const segment = frames.tcpSegment(frame);
        if (segment) this.streams.accept(segment);
      },
      this.problems,
      (statistics) => this.tellDropped(statistics),
      MAX_CAPTURE_BLOCK_BYTES,
    );
    this.process = startDumpcap(options.dumpcap, options.iface, options.filter);
    this.ended = new Promise((resolve) => {
      this.process.on('close', () => {
        this.reader.end();
        this.streams.stop(traceNow());
        if (!this.stopping && this.error === undefined) this.error = explainDumpcapFailure(this.stderr || 'dumpcap ended without a word');
        resolve({ counts: { ...this.counts }, ...(this.error !== undefined ? { error: this.error } : {}), problems: this.problems.list() });
      });
    });
    this.process.on('error', (error) => (this.error ??= `dumpcap could not be started: ${error.message}`));
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (text: string) => {
      // Its complaint, and its summary at the end: a few lines.
      if (this.stderr.length < 8192) this.stderr += text;
    });
    this.process.stdout.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Starts dumpcap; settles once it is capturing (its first blocks came), or with why it cannot. */
  static async start(options: LiveCaptureOptions): Promise<LiveCapture> {
    const capture = new LiveCapture(options);
    const capturing = new Promise<void>((resolve) => capture.process.stdout.once('data', () => resolve()));
    const end = await Promise.race([capturing.then(() => undefined), capture.ended]);
    if (end) throw new Error(end.error ?? 'dumpcap ended before it captured');
    return capture;
  }

  /** Stops dumpcap (it writes its counts and ends); settles when every connection is recorded as ended. */
  stop(): Promise<CaptureEnd> {
    this.stopping = true;
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGTERM');
    return this.ended;
  }

  private read(chunk: Buffer): void {
    try {
      this.reader.push(chunk);
    } catch (error) {
      // A bug reading what dumpcap sent must end the capture, never the engine.
      this.end(`The capture stopped on an error reading its packets: ${(error as Error).message}`);
      return;
    }
    if (this.reader.broken) {
      const broken = this.problems.list().at(-1);
      this.end(`The capture's pcapng could not be read any further (${broken?.message ?? 'a broken block'}); the capture ended there`);
    }
  }

  /** Ends the capture for `why`, the first reason given. */
  private end(why: string): void {
    if (this.error !== undefined) return;
    this.error = why;
    this.process.kill('SIGTERM');
  }

  private tellDropped(statistics: InterfaceStatistics): void {
    const dropped = (statistics.interfaceDropped ?? 0) + (statistics.captureDropped ?? 0);
    this.counts.dropped = (this.counts.dropped ?? 0) + dropped;
  }

  private tapFor(connection: LiveConnection): LiveTap {
    const connectionId = randomUUID();
    this.counts.connections++;
    this.options.onConnection?.(connectionId, connection);
    const tap = new ConnectionTap(connectionId, this.options.sink, undefined, { onChunk: this.options.onChunk });
    // Whose connection it is, first: the story and the record know both its ends from it.
    tap.lifecycle({ phase: 'accepted', by: 'capture', clientAddress: formatEndpoint(connection.client), localAddress: formatEndpoint(connection.broker), ...(connection.joinedOpen ? { joinedOpen: true as const } : {}) }, connection.startTime);
    return {
      bytes: (dir: 'c2s' | 's2c', bytes: Uint8Array, time: number) => tap.bytes(dir, bytes, time),
      skipped: (dir: 'c2s' | 's2c', bytes: Uint8Array, message: string, time: number) => tap.skipped(dir, bytes, message, time),
      tcp: (durationMs: number, time: number) => tap.lifecycle({ phase: 'tcp', localAddress: formatEndpoint(connection.client), remoteAddress: formatEndpoint(connection.broker), durationMs }, time),
      closed: (by: 'client' | 'broker' | 'error', error: { code?: string; message: string } | undefined, time: number) => tap.closed(by, error, time),
      ended: (time: number) => this.options.onEnded?.(connectionId, time),
      tls: (summary: TlsHandshakeSummary, durationMs: number, time: number) => tap.lifecycle(tlsStep(summary, durationMs), time),
    };
  }
}

/** The ports a capture filter names (`port 1883`, `tcp dst port 8883`): valid TCP ports only. */
export function portsNamedIn(filter: string): number[] {
  return [...filter.matchAll(/\bport\s+(\d{1,5})\b/g)].map((match) => Number(match[1])).filter((port) => port > 0 && port <= UINT16_MAX);
}
