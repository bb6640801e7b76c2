import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function readVersion(): string {
  // The package file sits two levels up from both server/ (tsx) and dist/server/ (built).
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'weibao' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
