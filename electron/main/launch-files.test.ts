import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesToOpen } from './launch-files';

const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files handed over on the command line', () => {
  it('picks the existing traces, captures and profiles exports, resolved from the working folder', () => {
    for (const name of ['today.mqtrace', 'Capture.PCAPNG', 'team.mqttprofiles', 'notes.txt']) writeFileSync(path.join(dir, name), '');
    mkdirSync(path.join(dir, 'folder.mqtrace'));
    const argv = ['.', '--no-sandbox', '--inspect=9229', 'today.mqtrace', 'Capture.PCAPNG', path.join(dir, 'team.mqttprofiles'), 'notes.txt', 'missing.mqtrace', 'folder.mqtrace', '-x.mqtrace'];
    expect(filesToOpen(argv, dir)).toEqual([path.join(dir, 'today.mqtrace'), path.join(dir, 'Capture.PCAPNG'), path.join(dir, 'team.mqttprofiles')]);
  });
});
