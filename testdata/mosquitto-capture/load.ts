// Loads the real mosquitto capture decoded by tshark (packets.json beside this file) for tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CapturedPacket {
  stream: number;
  dir: 'c2s' | 's2c';
  time: number;
  hex: string;
  layer: Record<string, unknown>;
}

export function loadCapture(): CapturedPacket[] {
  const file = fileURLToPath(new URL('./packets.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as CapturedPacket[];
}

export interface TsharkField {
  key: string;
  /** Undefined for a field that is itself a subtree (tshark prints no value for it). */
  value?: string;
  /** Offset inside the MQTT packet. */
  offset: number;
  length: number;
}

/** Every field tshark placed, flattened, with offsets made relative to the packet's first byte. */
export function tsharkFields(layer: Record<string, unknown>): TsharkField[] {
  const start = (layer['mqtt.hdrflags_raw'] as [string, number])[1];
  const out: TsharkField[] = [];
  const walk = (node: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith('_tree')) {
        for (const child of Array.isArray(value) ? value : [value]) walk(child as Record<string, unknown>);
        continue;
      }
      if (key.endsWith('_raw') || !(`${key}_raw` in node)) continue;
      const values = Array.isArray(value) ? value : [value];
      const isSubtree = (item: unknown) => typeof item === 'object' && item !== null;
      const raws = node[`${key}_raw`] as unknown[];
      const rawList = (Array.isArray(raws[0]) ? raws : [raws]) as [string, number, number][];
      values.forEach((text, index) => {
        const raw = rawList[index];
        if (isSubtree(text)) walk(text as Record<string, unknown>);
        if (raw) out.push({ key, value: isSubtree(text) ? undefined : String(text), offset: raw[1] - start, length: raw[2] });
      });
    }
  };
  walk(layer);
  return out;
}

/** The capture itself (decode with `-d tcp.port==18883,mqtt -d tcp.port==18884,mqtt`). */
export const CAPTURE_PCAPNG = fileURLToPath(new URL('./capture.pcapng', import.meta.url));
export const CAPTURE_MQTT_PORTS = [18_883, 18_884];
