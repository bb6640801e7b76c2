import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../scripts/server-flags.mjs';

/** Every server child still running; killed on exit whatever happens to the bench. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A free TCP port on 127.0.0.1, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * How to start the server: the build (`dist/server/main.js`) when it exists and is newer than every
 * `server/**.ts` (it starts faster), else the sources through tsx.
 */
export function serverCommand(root: string): { args: string[]; label: string } {
  const built = path.join(root, 'dist', 'server', 'main.js');
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(path.join(root, 'server'))) {
    return { args: [built], label: 'dist/server/main.js' };
  }
  // `node --import tsx` rather than `npx tsx`: the child's pid is the server itself, so killing it works.
  return { args: ['--import', 'tsx', path.join(root, 'server', 'main.ts')], label: 'tsx server/main.ts' };
}

export interface ServerHandle {
  baseUrl: string;
  pid: number;
  /** What the server printed so far (stdout and stderr), for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  root: string;
  /** Extra environment: DATA_DIR or DATABASE_URL and the like. */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

/** Starts the server under test as a child process and waits until `/readyz` answers 200. */
export async function startServer(options: StartServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the caller's shell may point the server at another database.
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOGIN_MAX_FAILURES: '1000000',
    ...options.env,
  });
  const { args } = serverCommand(options.root);
  // BENCH_SERVER_NODE_ARGS: flags for the server's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The flags `npm start` runs the server with (scripts/server-flags.mjs), then any of the caller's.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, ...args], { cwd: options.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);

  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 64_000) output = output.slice(-32_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? -1 : null));
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const handle: ServerHandle = {
    baseUrl,
    pid: child.pid ?? -1,
    output: () => output,
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (hasExited) throw new ServerFailed(`the server exited before it was ready`, output);
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return handle;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop();
      throw new ServerFailed(`the server was not ready within ${(options.readyTimeoutMs ?? 60_000) / 1000} s`, output);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server could not start; carries its output so the bench can show it. */
export class ServerFailed extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}
