/**
 * The one picture the sandbox serves (avatars, captchas, pushed images): a valid 8×8 grey
 * baseline JPEG, hand-assembled (quantisation all 1s, one DC and one AC Huffman code, a single
 * block whose DC and AC coefficients are all zero).
 */
const HEX =
  'ffd8ffe000104a46494600010100000100010000' + // SOI, APP0 JFIF 1.1
  `ffdb004300${'01'.repeat(64)}` + // DQT: table 0, all ones
  'ffc0000b080008000801011100' + // SOF0: 8-bit, 8×8, one component
  `ffc4001400${'01'}${'00'.repeat(15)}00` + // DHT DC 0: one 1-bit code for category 0
  `ffc4001410${'01'}${'00'.repeat(15)}00` + // DHT AC 0: one 1-bit code for EOB
  'ffda0008010100003f00' + // SOS
  '3f' + // bits 0 (DC diff 0) and 0 (EOB), padded with ones
  'ffd9'; // EOI

/** The JPEG bytes (159 bytes). Copy before mutating: the buffer is shared. */
export const TINY_JPEG: Buffer = Buffer.from(HEX, 'hex');
