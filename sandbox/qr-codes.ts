/**
 * Scene QR codes (docs/protocol.md §2.6) for the chat page: make one as a PNG, read one from a PNG at
 * a URL (a code the bot sent, or one the sandbox made), and turn the text it holds into a scene.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { toBuffer } from 'qrcode';
import { SandboxError } from './platform-model';

/** Images larger than this are refused before decoding. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** How long fetching an image may take. */
export const IMAGE_TIMEOUT_MS = 5000;
// A small PNG can inflate to gigabytes of pixels; no QR code a phone scans needs more than this.
const MAX_SIDE = 4096;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const refuse = (message: string): SandboxError => new SandboxError(400, message);

/**
 * The scene a QR code's text stands for: the `scene` parameter of a URL that has one, else the
 * whole text.
 *
 * @throws SandboxError 400 when that is not 1-64 characters
 */
export function sceneFromText(text: string): string {
  let scene = text;
  try {
    const url = new URL(text);
    const param = url.searchParams.get('scene');
    if ((url.protocol === 'http:' || url.protocol === 'https:') && param !== null) scene = param;
  } catch {
    // Not a URL: the text itself is the scene.
  }
  if (scene.length < 1 || scene.length > 64) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw refuse(`the QR code holds "${shown}", which is not a scene (1-64 characters, or a URL with a scene parameter)`);
  }
  return scene;
}

/** A PNG of a QR code holding `text`. */
export function qrCodePng(text: string): Promise<Buffer> {
  return toBuffer(text, { type: 'png', width: 256, margin: 2, errorCorrectionLevel: 'M' });
}

/**
 * Fetches a PNG (http or https, at most 2 MB, within 5 s) and reads the QR code in it.
 *
 * @throws SandboxError 400 when the image cannot be fetched, is not a PNG, or holds no QR code
 */
export async function readQrImage(imageUrl: string, shutdown?: AbortSignal): Promise<string> {
  const url = new URL(imageUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('imageUrl is an http or https URL');
  const bytes = await fetchImage(url, shutdown);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw refuse('the image is not a PNG (only PNG QR codes can be read)');
  // IHDR comes first: width and height at bytes 16-23, read before anything is inflated.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width > MAX_SIDE || height > MAX_SIDE) throw refuse(`the image is ${width}x${height}; at most ${MAX_SIDE}x${MAX_SIDE} is read`);
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw refuse(`the PNG cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  const code = jsQR(pixels, png.width, png.height, { inversionAttempts: 'attemptBoth' });
  if (!code) throw refuse('no QR code found in the image');
  return code.data;
}

async function fetchImage(url: URL, shutdown?: AbortSignal): Promise<Buffer> {
  const signal = shutdown ? AbortSignal.any([AbortSignal.timeout(IMAGE_TIMEOUT_MS), shutdown]) : AbortSignal.timeout(IMAGE_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) throw refuse(`fetching the image answered HTTP ${response.status}`);
    if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) throw refuse('the image is larger than 2 MB');
    return await readCapped(response);
  } catch (error) {
    if (error instanceof SandboxError) throw error;
    if ((error as { name?: string }).name === 'TimeoutError') throw refuse(`the image did not arrive within ${IMAGE_TIMEOUT_MS / 1000} s`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw refuse(`cannot fetch the image: ${cause ?? (error instanceof Error ? error.message : String(error))}`);
  }
}

/** Reads a body, giving up as soon as it passes the size cap (a missing content-length proves nothing). */
async function readCapped(response: Response): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_IMAGE_BYTES) {
      await reader.cancel();
      throw refuse('the image is larger than 2 MB');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
