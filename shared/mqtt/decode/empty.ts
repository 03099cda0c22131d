// PINGREQ, PINGRESP and the reserved type 0: a fixed header and nothing else.
import type { BodyDecoder } from './types';

export const decodeEmpty: BodyDecoder = () => undefined;
