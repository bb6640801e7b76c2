// `npm start`: build what needs building, then run the server (migrations run at start).
// Arguments pass through, e.g. `npm start -- --demo`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  buildIfNeeded();
} catch (error) {
  console.error(String(error.message ?? error));
  process.exit(1);
}
const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'dist/server/main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
