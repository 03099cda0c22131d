import { describe, expect, it } from 'vitest';
import type { WireMessage } from '@shared/contract';
import { guardedRequestHandler, isFromAppWindow, REFUSED_SENDER } from './ipc-guard';

const appContents = { id: 1 };
const mainFrame = { url: 'app://mqtt-scope/index.html' };

describe('the IPC guard', () => {
  it('trusts the main frame of the app window on the app page only', () => {
    expect(isFromAppWindow({ sender: appContents, senderFrame: mainFrame }, appContents)).toBe(true);
    expect(isFromAppWindow({ sender: { id: 2 }, senderFrame: mainFrame }, appContents)).toBe(false);
    expect(isFromAppWindow({ sender: appContents, senderFrame: { url: 'https://evil.example/' } }, appContents)).toBe(false);
    expect(isFromAppWindow({ sender: appContents, senderFrame: { url: 'app://mqtt-scope/index.html', parent: mainFrame } }, appContents)).toBe(false);
    expect(isFromAppWindow({ sender: appContents, senderFrame: null }, appContents)).toBe(false);
    expect(isFromAppWindow({ sender: undefined, senderFrame: mainFrame }, undefined)).toBe(false);
  });

  it('answers trusted requests, refuses others, and turns a throw into an error reply', async () => {
    const answer = async (message: unknown): Promise<WireMessage> => {
      if (message === 'explode') throw new Error('boom');
      return { id: 7, result: message };
    };
    const handler = guardedRequestHandler(answer, (event) => event.sender === appContents);
    expect(await handler({ sender: appContents }, 'hello')).toEqual({ id: 7, result: 'hello' });
    expect(await handler({ sender: {} }, 'hello')).toEqual({ id: -1, error: REFUSED_SENDER });
    expect(await handler({ sender: appContents }, 'explode')).toEqual({ id: -1, error: 'The request could not be answered: boom' });
  });
});
