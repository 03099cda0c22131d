import { describe, expect, it } from 'vitest';
import { connackPropertyRows, type PropertyRow } from './connack-properties';

const byName = (rows: PropertyRow[]) => Object.fromEntries(rows.map((row) => [row.name, row]));

describe('connackPropertyRows', () => {
  it('says what a property the broker did not send means: the asked value stands, or the default', () => {
    const rows = byName(connackPropertyRows({ clientId: 'dev', keepAlive: 60, asked: { 'Session Expiry Interval': 3600 }, granted: {} }));
    expect(rows['Session Expiry Interval']).toMatchObject({ group: 'asked', client: '3,600 s', broker: 'not sent: 3,600 s as asked' });
    expect(rows['Keep Alive']).toMatchObject({ client: '60 s', broker: 'not sent: 60 s as asked' });
    expect(rows['Maximum QoS']).toMatchObject({ group: 'offers', broker: '2 (default)' });
    expect(rows['Maximum QoS'].client).toBeUndefined();
    expect(rows['Retain Available'].broker).toBe('yes (default)');
    expect(rows['Client identifier']).toBeUndefined();
    for (const row of Object.values(rows)) expect([row.client, row.broker]).not.toContain('—');
  });

  it('shows Receive Maximum and Topic Alias Maximum as each side’s own limit, with defaults where unsent', () => {
    const rows = byName(connackPropertyRows({ clientId: 'dev', keepAlive: 60, asked: { 'Receive Maximum': 20, 'Topic Alias Maximum': 10 }, granted: { 'Receive Maximum': 100 } }));
    expect(rows['Receive Maximum']).toEqual({ group: 'limits', name: 'Receive Maximum', client: '20', broker: '100' });
    expect(rows['Topic Alias Maximum']).toEqual({ group: 'limits', name: 'Topic Alias Maximum', client: '10', broker: '0 (default): no topic aliases' });
    expect(rows['Maximum Packet Size']).toMatchObject({ client: 'no limit (default)', broker: 'no limit (default)' });
  });

  it('says when Response Information was requested and none came', () => {
    const none = byName(connackPropertyRows({ clientId: 'dev', keepAlive: 60, asked: { 'Request Response Information': 1 }, granted: {} }));
    expect(none['Response Information']).toMatchObject({ client: 'asked for (Request Response Information 1)', broker: 'none sent: the broker offers no response information' });
    const given = byName(connackPropertyRows({ clientId: 'dev', keepAlive: 60, asked: { 'Request Response Information': 1 }, granted: { 'Response Information': 'replies/' } }));
    expect(given['Response Information'].broker).toBe('replies/');
  });

  it('tells a granted change, an assigned client id, Server Keep Alive and anything else either side sent', () => {
    const rows = byName(connackPropertyRows({
      clientId: '',
      keepAlive: 600,
      asked: { 'User Property': 'site=lab' },
      granted: { 'Session Expiry Interval': 120, 'Server Keep Alive': 60, 'Assigned Client Identifier': 'auto-1', 'Maximum QoS': 1, 'Retain Available': 0, 'Reason String': 'welcome' },
    }));
    expect(rows['Session Expiry Interval']).toMatchObject({ client: '0 s (default): the session ends with the connection', broker: '120 s' });
    expect(rows['Keep Alive']).toMatchObject({ client: '600 s', broker: '60 s (Server Keep Alive)' });
    expect(rows['Client identifier']).toMatchObject({ client: 'empty: the broker is to assign one', broker: 'auto-1 (Assigned Client Identifier)' });
    expect(rows['Maximum QoS'].broker).toBe('1');
    expect(rows['Retain Available'].broker).toBe('no');
    expect(rows['User Property']).toMatchObject({ group: 'other', client: 'site=lab', broker: 'not sent' });
    expect(rows['Reason String']).toMatchObject({ group: 'other', client: 'not sent', broker: 'welcome' });
  });
});
