export * from './constants';
export * from './field';
export * from './field-keys';
export * from './reason-codes';
export * from './framer';
export * from './connection-decoder';
export { decode, type DecodeContext } from './decode';
export { describePacket } from './describe';
