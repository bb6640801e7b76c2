import fs from 'node:fs';
import { CHROMIUM_PATH } from './browser.js';

/**
 * The journeys need Debian's Chromium and a built console. Without Chromium they are skipped with
 * a plain message, except under CI=true, where a missing browser fails the run.
 */
export default async function setup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    const message = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
    if (process.env.CI === 'true') throw new Error(`CI=true: ${message}; the end-to-end suite cannot be skipped in CI.`);
    process.stderr.write(`\n  ${message}: skipping the end-to-end journeys.\n\n`);
  }
  if (!fs.existsSync('dist/server/main.js') || !fs.existsSync('dist/web/index.html')) {
    throw new Error('The end-to-end journeys run the built app: run `npm run build` first (npm test does).');
  }
}
