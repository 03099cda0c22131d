// The command line's flags are the contract's request parameters: the schema the engine checks
// them with decides, and the command line says its refusal in the flag's words, before anything
// starts.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hostMessages, portMessage } from '@shared/limits';
import { runBroker } from './broker-command';
import { parseConnectCommand } from './connect-options';
import { runProxy } from './proxy-command';
import { checkedFlags } from './request-params';
import { UsageError } from './usage-error';

const noOutput = () => {};

describe('checkedFlags', () => {
  const schema = z.object({ port: z.number().int().min(0).max(65535), name: z.string().min(1), both: z.number().optional() }).strict();

  it('returns what the schema read', () => {
    expect(checkedFlags(schema, { port: 1883, name: 'x' })).toEqual({ port: 1883, name: 'x' });
  });

  it("says a refused parameter in its flag's words, and one without words as the schema does, each once", () => {
    const refused = () => checkedFlags(schema, { port: Number.NaN, name: '', both: 'x' }, { port: '--port must be a whole number from 0 to 65535, not "x"', both: (issue) => `--both: ${issue.code}` });
    expect(refused).toThrow(UsageError);
    expect(refused).toThrow(/^--port must be a whole number from 0 to 65535, not "x"; name: .+; --both: invalid_type$/);
  });
});

describe('a command refuses what its request\'s schema refuses, in its words', () => {
  it.each([
    [['--port', 'x'], `${portMessage('--port', true)}, not "x"`],
    [['--port', '1.5'], `${portMessage('--port', true)}, not "1.5"`],
    [['--websocket-port', '70000'], `${portMessage('--websocket-port', true)}, not "70000"`],
    [['--host', ''], `${hostMessages('--host').format}, not ""`],
    [['--host', 'mqtt://h'], `${hostMessages('--host').format}, not "mqtt://h"`],
  ])('broker %j: the schema\'s message, with the flag for its label', async (args, message) => {
    await expect(runBroker(args, noOutput, {})).rejects.toThrow(new UsageError(message));
  });

  it('proxy: a target port the schema does not take (0)', async () => {
    await expect(runProxy(['--target', '127.0.0.1:0'], noOutput)).rejects.toThrow(new UsageError('--target must be HOST:PORT, not "127.0.0.1:0"'));
  });

  it('connect: a DISCONNECT reason code past a byte, as connection.close refuses it', () => {
    expect(() => parseConnectCommand(['mqtt://h', '--protocol', '5', '--disconnect-reason', '256'])).toThrow(new UsageError('--disconnect-reason must be a number from 0 to 255'));
  });
});
