import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHAT_DIR_CANDIDATES, findChatDir } from '../../sandbox/chat-routes';
import { startWorld, type World } from './sandbox-kit';

describe('sandbox chat page files', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  it('serves the page at / as UTF-8 HTML with a strict content security policy', async () => {
    const response = await fetch(`${world.sandbox.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('src="/chat/chat.js"');
    expect(html).toContain('聊天 Chat');
  });

  it.each([
    ['chat.js', /javascript/],
    ['chat-dom.js', /javascript/],
    ['chat-messages.js', /javascript/],
    ['side-panels.js', /javascript/],
    ['location-picker.js', /javascript/],
    ['profile-editor.js', /javascript/],
    ['chat.css', /text\/css/],
  ])('serves /chat/%s', async (file, type) => {
    const response = await fetch(`${world.sandbox.url}/chat/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
  });

  it('keeps the rest of the file system out of reach', async () => {
    expect((await fetch(`${world.sandbox.url}/chat/missing.js`)).status).toBe(404);
    expect((await fetch(`${world.sandbox.url}/chat/..%2fchat-routes.ts`)).status).toBe(404);
  });

  it('finds the files from source and, compiled, back in the repository', () => {
    expect(findChatDir()).toBe(path.join(__dirname, '..', '..', 'sandbox', 'chat'));
    const root = mkdtempSync(path.join(tmpdir(), 'lianluo-chat-'));
    const compiled = path.join(root, 'dist', 'sandbox');
    mkdirSync(path.join(root, 'sandbox', 'chat'), { recursive: true });
    writeFileSync(path.join(root, 'sandbox', 'chat', 'index.html'), '<!doctype html>');
    const candidates = [path.join(compiled, 'chat'), path.join(compiled, '..', '..', 'sandbox', 'chat')];
    expect(findChatDir(candidates)).toBe(path.join(root, 'sandbox', 'chat'));
    expect(findChatDir([path.join(root, 'nowhere')])).toBeUndefined();
    expect(CHAT_DIR_CANDIDATES[1]).toMatch(/sandbox[/\\]chat$/);
  });
});
