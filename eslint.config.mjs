// Lint rules, including the dependency rules of the layout (docs: shared style.md):
// webhooks/ is the platform edge, web/ the browser edge, scrapers/ the console client, src/ the bot.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Type-only imports are free: they vanish at compile time and connect nothing.
const restrict = (patterns) => ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: true })) }];
/** src/ folders that are domains: their import rules are below. */
const DOMAINS = ['profiles', 'contacts', 'phone', 'circles', 'exchange'];
const storage = [
  { group: ['mongoose', 'mongoose/*'], message: 'Only src/stores talks to MongoDB.' },
  { group: ['ioredis'], message: 'Only src/stores talks to Redis.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'test/setup/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['webhooks/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        ...storage,
        { group: ['**/src/*', '**/src'], message: 'webhooks/ is the platform edge: it must not import the bot (src/).' },
        { group: ['**/scrapers/*', '**/scrapers'], message: 'webhooks/ must not import the console client.' },
      ]),
    },
  },
  {
    // The browser edge (signed links and the /me page, later the circle pages): HTTP in, the bot's answers
    // through the interfaces of web/ports.ts, which the composition root fills in.
    files: ['web/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        ...storage,
        { group: ['**/src/*', '**/src'], message: 'web/ is the browser edge: it must not import the bot (src/) at runtime; declare what it needs in web/ports.ts.' },
        { group: ['**/scrapers/*', '**/scrapers'], message: 'web/ must not import the console client.' },
      ]),
    },
  },
  {
    files: ['scrapers/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        ...storage,
        { group: ['express'], message: 'scrapers/ is an HTTP client, not a server.' },
        { group: ['**/src/*', '**/src', '**/webhooks/*', '**/webhooks', '**/web/*', '**/web'], message: 'scrapers/ must not import the bot or the webhook and browser edges.' },
      ]),
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/app.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([{ group: ['express'], message: 'Express lives in webhooks/, web/ and src/app.ts only.' }]),
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/stores/**', 'src/app.ts', 'src/**/*.model.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { group: ['express'], message: 'Express lives in webhooks/, web/ and src/app.ts only.' },
        { group: ['ioredis'], message: 'Only src/stores talks to Redis: take a Cache.' },
        { group: ['mongoose'], message: 'Only src/stores and src/models use mongoose: take a DocumentStore.' },
      ]),
    },
  },
  // The domains (persons and profiles, contacts, phone binding, later circles and exchange): they come in
  // through identities and the interfaces the composition root makes (stores, queue, SMS), never
  // from the console, the wire or an outside service's client.
  ...DOMAINS.map((domain) => ({
    files: [`src/${domain}/**/*.ts`],
    ignores: [`src/${domain}/**/*.model.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { group: ['express'], message: 'Express lives in webhooks/, web/ and src/app.ts only.' },
        { group: ['ioredis'], message: 'Only src/stores talks to Redis: take a Cache.' },
        { group: ['mongoose'], message: 'Only src/stores and src/models use mongoose: take a DocumentStore.' },
        { group: ['bullmq', 'axios', '@alicloud/*'], message: `src/${domain}/ is a domain: outside services reach it through the interfaces the composition root makes (a JobQueue, an SmsGateway).` },
        { group: ['**/scrapers/*', '**/scrapers', '**/webhooks/*', '**/webhooks'], message: `src/${domain}/ is a domain: it reaches the console and the platform only through src/identity and the bot.` },
        { group: ['**/web/*', '**/web'], message: `src/${domain}/ is a domain: it implements the ports of web/ (type imports) and never runs the browser edge.` },
      ]),
    },
  })),
  {
    // The bot talks to the sandbox only over the wire; only the demo launcher starts one.
    files: ['src/**/*.ts', 'webhooks/**/*.ts', 'web/**/*.ts', 'scrapers/**/*.ts'],
    ignores: ['src/main.ts', 'src/demo/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sandbox/*', '**/sandbox'], message: 'Only src/main.ts and src/demo/ start the sandbox; the bot reaches it over HTTP.' }] }],
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { group: ['**/src/*', '**/src', '**/webhooks/*', '**/webhooks', '**/web/*', '**/web', '**/scrapers/*', '**/scrapers'], message: 'The sandbox is the other side of the wire: it imports nothing of the bot.' },
      ]),
    },
  },
  {
    // The sandbox's chat page: plain ES modules that run in the browser, no build step.
    files: ['sandbox/chat/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // The own page (/me/<token>): plain ES modules that run in the browser, no build step.
    files: ['web/me/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // CommonJS entry shims (bin/): require() is how they load the CLI.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
