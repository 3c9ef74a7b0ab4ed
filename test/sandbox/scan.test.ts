import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { qrCodePng, sceneFromText } from '../../sandbox/qr-codes';
import { TINY_JPEG } from '../../sandbox/tiny-jpeg';
import { addAccount, addPerson, control, field, startWorld, type World } from './sandbox-kit';

/** A loopback server answering each path with fixed bytes (or a status). */
async function imageServer(files: Record<string, Buffer | number>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (file === undefined || typeof file === 'number') return void res.writeHead(typeof file === 'number' ? file : 404).end();
    res.writeHead(200, { 'content-type': 'image/png' }).end(file);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A white PNG without any QR code. */
function blankPng(): Buffer {
  const png = new PNG({ width: 64, height: 64 });
  png.data.fill(255);
  return PNG.sync.write(png);
}

describe('scene QR codes', () => {
  it.each([
    ['booth-7', 'booth-7'],
    ['https://w.example/qr?scene=vip%201&x=2', 'vip 1'],
    ['https://w.example/qr?other=1', 'https://w.example/qr?other=1'],
    ['会场A', '会场A'],
  ])('reads %j as the scene %j', (text, scene) => {
    expect(sceneFromText(text)).toBe(scene);
  });

  it.each([[''], ['x'.repeat(65)], ['https://w.example/qr?scene=']])('refuses %j: not a scene', (text) => {
    expect(() => sceneFromText(text)).toThrow(/which is not a scene/);
  });

  it('makes a PNG that holds the text', async () => {
    const png = PNG.sync.read(await qrCodePng('booth-7'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe('booth-7');
  });
});

describe('sandbox scan API', () => {
  let world: World;
  let alice: string;
  let images: Awaited<ReturnType<typeof imageServer>>;
  beforeAll(async () => {
    images = await imageServer({
      '/url.png': await qrCodePng('https://w.example/qr?scene=hall-2'),
      '/long.png': await qrCodePng('y'.repeat(80)),
      '/blank.png': blankPng(),
      '/photo.jpg': TINY_JPEG,
      '/gone.png': 404,
    });
  });
  afterAll(() => images.close());
  beforeEach(async () => {
    world = await startWorld();
    await addAccount(world);
    alice = await addPerson(world, 'Alice');
  });
  afterEach(() => world.close());

  const scan = (body: Record<string, unknown>) => control<{ scene: string; event: string; text?: string; error?: string }>(world.sandbox, 'POST', '/scan', { account: 'acme', fakeId: alice, ...body });
  const lastPush = () => world.receiver.pushes.at(-1)!.body;

  it('makes a non-follower follow by the scene, and a follower push SCAN with the bare scene', async () => {
    expect((await scan({ scene: 'booth-7' })).json).toMatchObject({ scene: 'booth-7', event: 'subscribe' });
    expect([field(lastPush(), 'Event'), field(lastPush(), 'EventKey')]).toEqual(['subscribe', 'qrscene_booth-7']);
    expect((await control<unknown[]>(world.sandbox, 'GET', '/accounts/acme/follows')).json).toHaveLength(1);

    expect((await scan({ scene: 'booth-7' })).json).toMatchObject({ scene: 'booth-7', event: 'SCAN' });
    expect([field(lastPush(), 'Event'), field(lastPush(), 'EventKey')]).toEqual(['SCAN', 'booth-7']);
  });

  it('reads the scene from a QR image: its own /qrcode, or a URL with a scene parameter', async () => {
    const own = await scan({ imageUrl: `${world.sandbox.url}/_sandbox/qrcode?scene=${encodeURIComponent('展台 7')}` });
    expect(own.json).toMatchObject({ scene: '展台 7', text: '展台 7', event: 'subscribe' });
    expect(field(lastPush(), 'EventKey')).toBe('qrscene_展台 7');
    const url = await scan({ imageUrl: `${images.url}/url.png` });
    expect(url.json).toMatchObject({ scene: 'hall-2', event: 'SCAN' });
  });

  it.each([
    ['/long.png', /the QR code holds "y{80}", which is not a scene/],
    ['/blank.png', /^no QR code found in the image$/],
    ['/photo.jpg', /not a PNG/],
    ['/gone.png', /HTTP 404/],
  ])('answers 400 for %s', async (file, message) => {
    const { status, json } = await scan({ imageUrl: `${images.url}${file}` });
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
    expect(world.receiver.pushes).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['both a scene and an image', { scene: 'a', imageUrl: 'http://127.0.0.1:1/a.png' }, /exactly one of scene and imageUrl/],
    ['neither', {}, /exactly one of scene and imageUrl/],
    ['a scene of 65 characters', { scene: 'z'.repeat(65) }, /^scene: a scene is 1-64 characters/],
    ['an ftp image', { imageUrl: 'ftp://127.0.0.1/a.png' }, /^imageUrl: /],
  ])('answers 400 for %s', async (_what, body, message) => {
    const { status, json } = await scan(body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it('answers 404 for an unknown person before fetching anything', async () => {
    expect((await control(world.sandbox, 'POST', '/scan', { account: 'acme', fakeId: '999', imageUrl: `${images.url}/gone.png` })).status).toBe(404);
  });

  it('serves QR codes as PNG and refuses a missing or long scene', async () => {
    const response = await fetch(`${world.sandbox.url}/_sandbox/qrcode?scene=booth-7`);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe('booth-7');
    expect((await fetch(`${world.sandbox.url}/_sandbox/qrcode`)).status).toBe(400);
    expect((await fetch(`${world.sandbox.url}/_sandbox/qrcode?scene=${'z'.repeat(65)}`)).status).toBe(400);
  });
});
