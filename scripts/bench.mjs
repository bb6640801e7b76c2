#!/usr/bin/env node
// `npm run bench -- [options]`: runs bench/run.ts under tsx and passes the options through.
// The bench itself starts the server under test as a child process; see bench/README.md.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'run.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

// Ctrl-C reaches the whole foreground process group: the bench cleans up (stops its server, drops
// its databases) and exits; this wrapper only waits for it. A SIGTERM sent to this wrapper alone is
// passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
});
