// PINGREQ and PINGRESP (and 3.x DISCONNECT): a fixed header and nothing else.
import type { BodyDecoder } from './types';

export const decodeEmpty: BodyDecoder = () => ({ fields: [] });
