// Names the hosts use to carry the contract. Kept apart from contract.ts so the preload can
// use them without bundling the schemas.

/** Electron IPC channels; each name says which side speaks. */
export const IPC_CHANNELS = { request: 'renderer:request', event: 'main:event' } as const;

/** The object the preload exposes on `window`, under this name. */
export const BRIDGE_NAME = 'mqttscope';

/** The browser-mode WebSocket's path on the host. */
export const WEB_API_PATH = '/api';
