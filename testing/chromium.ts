// Which Chromium the end-to-end tests and the UI benchmark drive: never one Playwright downloads.
import { existsSync } from 'node:fs';

/** Chromium from MQTTSCOPE_CHROMIUM, then Debian's; undefined lets Playwright use its own install. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.MQTTSCOPE_CHROMIUM, '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

/** Chromium's own calls home fail on a closed network; these keep it quiet and quick. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
