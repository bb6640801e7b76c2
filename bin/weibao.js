#!/usr/bin/env node
// The `weibao` command. Runs the built CLI (dist/) when present; in a development checkout
// without a build it runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');

// WEIBAO_FROM_SOURCE=1 runs the source even when a build exists (tests, development).
if (existsSync(built) && process.env.WEIBAO_FROM_SOURCE !== '1') {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'cli', 'main.ts')).href);
}
