#!/usr/bin/env node
// `npx lianluo …`: the owner tools (src/cli/main.ts). In a checkout with dev dependencies the
// TypeScript source runs through tsx, so no build is needed and edits show at once; an install
// without them (npm ci --omit=dev) runs the build in dist/. CommonJS, because npm runs bin files
// with plain node and the project compiles to CommonJS.
'use strict';

const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'cli', 'main.ts');
const built = path.join(root, 'dist', 'src', 'cli', 'main.js');

function tsxApi() {
  try {
    return require(require.resolve('tsx/cjs/api', { paths: [root] }));
  } catch {
    return null;
  }
}

const tsx = existsSync(source) ? tsxApi() : null;
let cli;
if (tsx) {
  // A namespaced registration compiles only what this require loads, and touches no global hook.
  cli = tsx.register({ namespace: 'lianluo-cli' }).require(source, __filename);
} else if (existsSync(built)) {
  cli = require(built);
} else {
  process.stderr.write('lianluo: neither tsx (dev dependencies) nor a build was found; run npm run build\n');
  process.exit(1);
}
cli.cliMain().catch((error) => {
  process.stderr.write(`lianluo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
