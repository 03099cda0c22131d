export { freeLoopbackPort as freePort } from '../electron/engine/free-port';
