// Runs tshark, the independent reader the pcap code is checked against. Tests that need it fail
// with a clear message when it is missing (CI installs it), never skip silently.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Field } from '../shared/mqtt/field';
import { PROPERTIES } from '../shared/mqtt/properties';

export const TSHARK = '/usr/bin/tshark';

export interface TsharkPacket {
  /** 1-based, as Wireshark numbers frames. */
  frame: number;
  /** Epoch microseconds, read exactly from tshark's text. */
  timeMicros: number;
  /** tshark's tcp.stream index; undefined for a frame without TCP. */
  stream?: number;
  srcAddress?: string;
  srcPort?: number;
  dstPort?: number;
  tcpFlags?: number;
  comments: string[];
  /** Every MQTT packet tshark placed in the frame (reassembled ones where they complete), as hex. */
  mqtt: string[];
}

export function requireTshark(): void {
  if (!existsSync(TSHARK)) throw new Error(`These tests need tshark at ${TSHARK} (apt-get install tshark); it is not installed.`);
}

/** Epoch seconds as tshark prints them (`1795628863.142855000`) in whole microseconds. */
export function micros(text: string): number {
  const [seconds, fraction = ''] = text.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

type Layers = Record<string, unknown>;
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const MAX_OUTPUT = 512 * 1024 * 1024;

function readArgs(file: string, mqttPorts: readonly number[]): string[] {
  requireTshark();
  const decodeAs = mqttPorts.flatMap((port) => ['-d', `tcp.port==${port},mqtt`]);
  return ['-r', file, ...decodeAs, '-T', 'json', '-x', '--no-duplicate-keys'];
}

/** Reads a capture file with every given port decoded as MQTT. */
export function tsharkRead(file: string, mqttPorts: readonly number[] = []): TsharkPacket[] {
  return parsePackets(execFileSync(TSHARK, readArgs(file, mqttPorts), { maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8'));
}

/** Reads several files at once, side by side: each tshark start costs a quarter of a second. */
export function tsharkReadAll(files: readonly string[], mqttPorts: readonly number[] = []): Promise<TsharkPacket[][]> {
  const run = promisify(execFile);
  return Promise.all(files.map(async (file) => parsePackets((await run(TSHARK, readArgs(file, mqttPorts), { maxBuffer: MAX_OUTPUT })).stdout)));
}

function parsePackets(output: string): TsharkPacket[] {
  const packets = JSON.parse(output) as { _source: { layers: Layers } }[];
  return packets.map(({ _source: { layers } }) => {
    const frame = layers.frame as Layers;
    const tcp = layers.tcp as Layers | undefined;
    const ip = (layers.ip ?? layers.ipv6) as Layers | undefined;
    const raws = list(layers.mqtt_raw as unknown[] | unknown[][] | undefined);
    const mqtt = (raws.length > 0 && !Array.isArray(raws[0]) ? [raws as unknown[]] : (raws as unknown[][])).map((raw) => String(raw[0]));
    const comments = list(layers.pkt_comment as Layers | Layers[] | undefined).map((comment) => String(comment['frame.comment']));
    return {
      frame: Number(frame['frame.number']),
      timeMicros: micros(String(frame['frame.time_epoch'])),
      stream: tcp ? Number(tcp['tcp.stream']) : undefined,
      srcAddress: ip ? String(ip['ip.src'] ?? ip['ipv6.src']) : undefined,
      srcPort: tcp ? Number(tcp['tcp.srcport']) : undefined,
      dstPort: tcp ? Number(tcp['tcp.dstport']) : undefined,
      tcpFlags: tcp ? Number(tcp['tcp.flags']) : undefined,
      comments,
      mqtt,
    };
  });
}

/** The frames a display filter matches, with checksum validation on (tshark leaves it off). */
export function tsharkMatching(file: string, filter: string, mqttPorts: readonly number[] = []): number[] {
  requireTshark();
  const decodeAs = mqttPorts.flatMap((port) => ['-d', `tcp.port==${port},mqtt`]);
  const checks = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];
  const output = execFileSync(TSHARK, ['-r', file, ...decodeAs, ...checks, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return output.toString('utf8').split('\n').filter(Boolean).map(Number);
}

/** Expert infos of warning severity or worse: bad checksums, lost or repeated segments, malformed packets. */
export const TSHARK_WARNINGS = '_ws.expert.severity >= 6291456 || ip.checksum.status == 0 || tcp.checksum.status == 0 || tcp.analysis.flags && !tcp.analysis.window_update';

/** Every MQTT packet tshark placed in the file, in order: its bytes as hex and its `mqtt` layer. */
export function tsharkMqttLayers(file: string, mqttPorts: readonly number[] = []): { hex: string; layer: Layers }[] {
  const output = execFileSync(TSHARK, readArgs(file, mqttPorts), { maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  return (JSON.parse(output) as { _source: { layers: Layers } }[]).flatMap(({ _source: { layers } }) => {
    const mqtt = list(layers.mqtt as Layers | Layers[] | undefined);
    const raws = list(layers.mqtt_raw as unknown[] | unknown[][] | undefined);
    const hexes = (raws.length > 0 && !Array.isArray(raws[0]) ? [raws as unknown[]] : (raws as unknown[][])).map((raw) => String(raw[0]));
    return mqtt.map((layer, index) => ({ hex: hexes[index], layer }));
  });
}

/** Properties of binary data, by name: tshark reads them into a string field. */
const BINARY_PROPERTIES = new Set(PROPERTIES.filter((property) => property.type === 'binary').map((property) => property.name));

/**
 * Whether our field's value is tshark's text for it, read the way our decoder types it. Binary
 * data is ours as hex (every byte); tshark shows it as a string, UTF-8 up to the first NUL, so
 * the oracle reads our bytes that way before comparing.
 */
export function sameAsTshark(field: Pick<Field, 'name' | 'value'>, theirs: string): boolean {
  const ours = field.value;
  if (typeof ours === 'boolean') return theirs === (ours ? '1' : '0');
  if (typeof ours === 'number') return Number(theirs) === ours;
  if (BINARY_PROPERTIES.has(field.name)) return wiresharkText(Buffer.from(ours, 'hex')) === theirs;
  return ours === theirs || ours === theirs.replace(/:/g, '');
}

/** Binary data as Wireshark reads it into a string field, written here without our decoder's
 *  help: UTF-8 up to the first NUL, each invalid sequence replaced. */
export function wiresharkText(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}
