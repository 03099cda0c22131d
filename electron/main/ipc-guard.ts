// The IPC door to the engine: a request is answered only when it comes from the main frame of
// the app's own window showing the app's own page; the engine's answer() then validates it
// against the contract (zod) before any handler sees it. A malformed message gets an error
// back; nothing thrown here reaches Electron.
import type { WireMessage } from '@shared/contract';
import { isAppPage } from './navigation';

/** The parts of Electron's IpcMainInvokeEvent the guard reads. */
export interface IpcEventLike {
  sender: unknown;
  senderFrame?: { url: string; parent?: unknown } | null;
}

export const REFUSED_SENDER = 'Request refused: not from the MQTT Scope window';

export function isFromAppWindow(event: IpcEventLike, appWindowContents: unknown): boolean {
  const frame = event.senderFrame;
  return appWindowContents !== undefined && event.sender === appWindowContents && !!frame && !frame.parent && isAppPage(frame.url);
}

export function guardedRequestHandler(answer: (message: unknown) => Promise<WireMessage>, trusted: (event: IpcEventLike) => boolean) {
  return async (event: IpcEventLike, message: unknown): Promise<WireMessage> => {
    try {
      if (!trusted(event)) return { id: -1, error: REFUSED_SENDER };
      return await answer(message);
    } catch (error) {
      return { id: -1, error: `The request could not be answered: ${(error as Error).message}` };
    }
  };
}
