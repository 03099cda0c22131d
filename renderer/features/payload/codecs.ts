// What the payload viewer loads on first use: the readers built on protobufjs, cbor-x, msgpackr
// and jsdiff, kept out of the page's first load.
export { PayloadReading } from '@shared/payload/detect';
export { diffPayloads } from '@shared/payload/diff';
