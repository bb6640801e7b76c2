import { DEMO_PASSWORD } from '../../server/demo/demo.js';
import type { HttpBenchmark } from '../types.js';

/**
 * POST /api/auth/sign-in as a demo engineer. Each call verifies a scrypt hash (deliberately slow,
 * tens per second per core) and inserts a session row, so this measures the password check.
 */
export const signInBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'sign-in',
  description: 'POST /api/auth/sign-in (scrypt check + new session row)',
  async load() {
    const body = JSON.stringify({ username: 'zhangwei', password: DEMO_PASSWORD });
    return {
      expectStatus: 200,
      request: () => ({ method: 'POST', path: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, body }),
    };
  },
};
