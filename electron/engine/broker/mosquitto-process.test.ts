// The mosquitto process of our own: its users' passwords never appear in a message or on a
// command line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handshake } from '../../../testing/handshake';
import { startMosquittoProcess } from './mosquitto-process';

const folder = () => mkdtempSync(path.join(tmpdir(), 'mqttscope-mosquitto-users-'));

describe('startMosquittoProcess with users', () => {
  it('lets a user in with the password given on standard input', async () => {
    const mosquitto = await startMosquittoProcess({ dir: folder(), users: [{ username: 'alice', password: 'with spaces & $ymbols' }] });
    try {
      expect((await handshake({ port: mosquitto.port, username: 'alice', password: 'with spaces & $ymbols' })).connack).toMatchObject({ accepted: true });
      expect((await handshake({ port: mosquitto.port, username: 'alice', password: 'wrong' })).connack).toMatchObject({ accepted: false });
    } finally {
      await mosquitto.stop();
    }
  });

  it('a user mosquitto_passwd refuses is reported without the password', async () => {
    const failure = await startMosquittoProcess({ dir: folder(), users: [{ username: 'bad:name', password: 'hunter2-secret' }] }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/mosquitto_passwd could not add the user bad:name .*must not contain the ':' character/);
    expect((failure as Error).message).not.toContain('hunter2-secret');
  });
});
