import { describe, expect, it } from 'vitest';
import { fileKind, isOpenableName, OPEN_FILE_ACCEPT } from './file-kinds';

describe('the files the app opens', () => {
  it('offers its own saved traces and profiles exports beside the captures', () => {
    expect(OPEN_FILE_ACCEPT.split(',')).toEqual(expect.arrayContaining(['.mqtrace', '.mqttprofiles', '.pcapng', '.pcap', '.cap', '.trace']));
  });

  it('knows a profiles export by its name, whatever its case; anything else is read as a trace', () => {
    expect(fileKind('Team.MQTTPROFILES')).toBe('profiles');
    expect(fileKind('today.mqtrace')).toBe('trace');
    expect(fileKind('capture')).toBe('trace');
    expect(isOpenableName('/home/me/today.mqtrace')).toBe(true);
    expect(isOpenableName('notes.txt')).toBe(false);
  });
});
