import { DEMO_PASSWORD } from '../../server/demo/demo.js';
import type { HttpBenchmark } from '../types.js';

/** GET /api/me with a session cookie: session lookup, access check and the user's profile. */
export const getMeBenchmark: HttpBenchmark = {
  kind: 'http',
  name: 'get-me',
  description: 'GET /api/me with a session cookie (authenticated read)',
  async load(target) {
    const cookie = await target.signIn('zhangwei', DEMO_PASSWORD);
    return {
      expectStatus: 200,
      request: () => ({ method: 'GET', path: '/api/me', headers: { cookie } }),
    };
  },
};
