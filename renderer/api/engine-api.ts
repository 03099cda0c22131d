// The one API the renderer talks to: the preload's bridge under Electron, the WebSocket in
// browser mode. Nothing else in the renderer knows which host it runs under.
import { BRIDGE_NAME, type EngineApi } from '@shared/contract';
import { SocketApi } from './socket-api';

declare global {
  interface Window {
    [BRIDGE_NAME]?: EngineApi;
  }
}

export function connectEngine(onLost: (message: string) => void): EngineApi {
  return window[BRIDGE_NAME] ?? new SocketApi(window.location, onLost);
}
