// What the capture does with what dumpcap sends, end to end through a real pipe: a stand-in for
// dumpcap (a shell script named as MQTTSCOPE_DUMPCAP would name it) writes a capture whose second
// block is broken. The capture ends there, says where, and nothing else stops.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import type { RecordedEntry } from '@shared/model/trace';
import { LiveCapture, portsNamedIn } from './live-capture';

/** A program that prints `bytes` on its standard output, then waits to be stopped, as dumpcap does. */
function fakeDumpcap(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-fake-dumpcap-'));
  writeFileSync(path.join(dir, 'capture.bin'), bytes);
  const program = path.join(dir, 'dumpcap');
  writeFileSync(program, `#!/bin/sh\ncat "${path.join(dir, 'capture.bin')}"\nexec sleep 60\n`);
  chmodSync(program, 0o755);
  return program;
}

describe('LiveCapture', () => {
  it('ends at a pcapng block it cannot read, with its offset, keeping what came before', async () => {
    const capture = readFileSync(CAPTURE_PCAPNG);
    const broken = Buffer.concat([capture, Uint8Array.of(6, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0)]);
    const entries: RecordedEntry[] = [];
    const live = await LiveCapture.start({ dumpcap: fakeDumpcap(broken), iface: 'lo', filter: 'tcp port 1883', sink: (entry) => entries.push(entry) });
    const end = await live.ended;
    expect(end.error).toBe(`The capture's pcapng could not be read any further (pcapng block at byte ${capture.length} has a length of 13, which no block can have: the file is broken here); the capture ended there`);
    // The real capture's MQTT connections before the break were read and recorded.
    expect(end.counts.connections).toBeGreaterThan(0);
    expect(entries.some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK')).toBe(true);
  });

  it('says in words when dumpcap ends before it captured', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-fake-dumpcap-'));
    const program = path.join(dir, 'dumpcap');
    writeFileSync(program, "#!/bin/sh\necho \"dumpcap: You don't have permission to capture on that device (socket: Operation not permitted)\" >&2\nexit 1\n");
    chmodSync(program, 0o755);
    await expect(LiveCapture.start({ dumpcap: program, iface: 'eth0', filter: 'tcp', sink: () => {} })).rejects.toThrow(/^No permission to capture: .*dumpcap said: You don't have permission/);
  });
});

describe('the ports a capture filter names', () => {
  it('are read from each `port N`, valid TCP ports only', () => {
    expect(portsNamedIn('tcp port 1883 or tcp port 8883 or tcp port 1884')).toEqual([1883, 8883, 1884]);
    expect(portsNamedIn('host 10.0.0.7 and tcp dst port 18932')).toEqual([18932]);
    expect(portsNamedIn('tcp portrange 1-2 or port 0 or port 70000 or udp')).toEqual([]);
  });
});
