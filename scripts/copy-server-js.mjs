// The server's few plain-JavaScript modules (the SQLite writer thread's, which Node loads without
// TypeScript) go beside the compiled ones in dist; tsc copies only what it compiles.
import fs from 'node:fs';
import path from 'node:path';

for (const dir of ['server/db']) {
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.mjs')) fs.copyFileSync(path.join(dir, name), path.join('dist', dir, name));
  }
}
