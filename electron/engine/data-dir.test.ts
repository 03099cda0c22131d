import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('uses MQTTSCOPE_DATA_DIR when set', () => {
    expect(resolveDataDir({ MQTTSCOPE_DATA_DIR: 'rel/dir' }, 'linux', '/home/u')).toBe(path.resolve('rel/dir'));
  });
  it('follows each platform’s convention otherwise', () => {
    expect(resolveDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/mqtt-scope');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/mqtt-scope');
    expect(resolveDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/MQTT Scope');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(path.join('C:\\Users\\u\\AppData\\Roaming', 'MQTT Scope'));
  });
});
