// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
// words. IPv4 headers carry it, and TCP over a pseudo-header of the addresses.

/** Adds the bytes to a running sum as big-endian 16-bit words (an odd last byte padded with 0). */
export function addToSum(sum: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  let index = start;
  for (; index + 1 < end; index += 2) sum += (bytes[index] << 8) | bytes[index + 1];
  if (index < end) sum += bytes[index] << 8;
  // Folded now and then so the sum stays a small integer however long the input.
  return (sum % 0x10000) + Math.floor(sum / 0x10000);
}

export function finishSum(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
