// Exposes the contract, and nothing else, to the sandboxed renderer. The main process
// validates every request against the contract's schemas.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EngineApi, EventName, WireMessage } from '@shared/contract';
import { BRIDGE_NAME, IPC_CHANNELS } from '@shared/transport';

const bridge: EngineApi = {
  async request(name, params) {
    // IPC pairs each reply with its request: the id the contract's wire form asks for is 0.
    const reply = (await ipcRenderer.invoke(IPC_CHANNELS.request, { id: 0, method: name, params })) as WireMessage;
    if ('error' in reply) throw new Error(reply.error);
    if (!('result' in reply)) throw new Error('The engine answered with something that is not a reply');
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
