// Wireshark's capture tool, where it is installed: found, asked for its interfaces, started on
// one with a filter writing pcapng to its standard output; and what it says when it cannot,
// in words a person can act on.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** MQTT's ports (plain, TLS, and the one often used beside them). */
export const DEFAULT_CAPTURE_FILTER = 'tcp port 1883 or tcp port 8883 or tcp port 1884';

export interface CaptureInterface {
  name: string;
  /** What dumpcap says of it (`Loopback`), when it says anything. */
  description?: string;
}

/** Where Wireshark puts dumpcap besides the PATH. */
const KNOWN_PLACES: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['/Applications/Wireshark.app/Contents/MacOS/dumpcap', '/opt/homebrew/bin/dumpcap', '/usr/local/bin/dumpcap'],
  win32: ['C:\\Program Files\\Wireshark\\dumpcap.exe'],
  linux: ['/usr/bin/dumpcap', '/usr/sbin/dumpcap'],
};

export const NO_DUMPCAP =
  'dumpcap (Wireshark’s capture tool) is not installed: install Wireshark, or on Debian and Ubuntu the wireshark-common package (sudo apt install wireshark-common)';

/** The dumpcap to run: MQTTSCOPE_DUMPCAP, else the first on the PATH or in Wireshark's usual places. */
export async function findDumpcap(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const name = platform === 'win32' ? 'dumpcap.exe' : 'dumpcap';
  const candidates = [...(env.MQTTSCOPE_DUMPCAP ? [env.MQTTSCOPE_DUMPCAP] : []), ...(env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name)), ...(KNOWN_PLACES[platform] ?? [])];
  for (const candidate of candidates) {
    if (await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/** The dumpcap to run, or an error that says how to install it. */
export async function requireDumpcap(): Promise<string> {
  const dumpcap = await findDumpcap();
  if (!dumpcap) throw new Error(NO_DUMPCAP);
  return dumpcap;
}

/** `dumpcap -D`: `1. eth0`, `3. lo (Loopback)`. */
export function parseInterfaceList(text: string): CaptureInterface[] {
  const interfaces: CaptureInterface[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*\d+\.\s+(\S+)(?:\s+\((.*)\))?\s*$/.exec(line);
    if (match) interfaces.push({ name: match[1], ...(match[2] ? { description: match[2] } : {}) });
  }
  return interfaces;
}

export function listInterfaces(dumpcap: string): Promise<CaptureInterface[]> {
  return new Promise((resolve, reject) => {
    execFile(dumpcap, ['-D'], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(explainDumpcapFailure(stderr || error.message)));
      else resolve(parseInterfaceList(stdout));
    });
  });
}

/** What to do about dumpcap's complaint, in words; its own words when it is no known one. */
export function explainDumpcapFailure(said: string, platform: NodeJS.Platform = process.platform): string {
  // Its own name at the head of its lines is said once, by the message around them.
  const words = said
    .trim()
    .split('\n')
    .filter((line) => line.trim() && !/^Capturing on|^File:/.test(line))
    .map((line) => line.replace(/^dumpcap:\s*/, ''))
    .join(' ')
    .slice(0, 500);
  if (/permission|not permitted|access is denied|don't have permission/i.test(said)) {
    const how =
      platform === 'linux'
        ? 'on Linux, let your user capture: sudo dpkg-reconfigure wireshark-common (answer Yes), sudo usermod -aG wireshark $USER, then log in again; or give dumpcap the capability: sudo setcap cap_net_raw,cap_net_admin=eip $(command -v dumpcap)'
        : platform === 'darwin'
          ? 'on macOS, install ChmodBPF (Wireshark’s installer offers it, or it is in Wireshark’s Additional Packages) and log in again'
          : 'on Windows, install Npcap (Wireshark’s installer offers it) without “restrict to administrators”';
    return `No permission to capture: ${how}. dumpcap said: ${words}`;
  }
  if (/no such device|doesn't exist|no such interface|device.*(?:went down|removed)|is not up/i.test(said)) return `The interface is not there (any more): choose another. dumpcap said: ${words}`;
  return `dumpcap could not capture: ${words}`;
}

export type DumpcapProcess = ChildProcessByStdio<null, Readable, Readable>;

/** Starts capturing on `iface` with `filter`; pcapng comes on its standard output. */
export function startDumpcap(dumpcap: string, iface: string, filter: string): DumpcapProcess {
  // -q: no running count on standard error; its summary at the end stays.
  return spawn(dumpcap, ['-i', iface, '-f', filter, '-w', '-', '-q'], { stdio: ['ignore', 'pipe', 'pipe'] });
}
