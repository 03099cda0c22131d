// Exposes the contract, and nothing else, to the sandboxed renderer. The main process
// validates every request against the contract's schemas.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EngineApi, EventName } from '@shared/contract';
import { BRIDGE_NAME, IPC_CHANNELS } from '@shared/transport';

const bridge: EngineApi = {
  async request(name, params) {
    const reply = (await ipcRenderer.invoke(IPC_CHANNELS.request, { method: name, params })) as { result?: unknown; error?: string };
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply.result as never;
  },
  on(event, listener) {
    const handler = (_event: IpcRendererEvent, message: { event: EventName; payload: unknown }) => {
      if (message.event === event) listener(message.payload as never);
    };
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
