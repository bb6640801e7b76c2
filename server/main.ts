import { buildApp } from './app.js';
import { openAndMigrate } from './bootstrap.js';
import { OffsetClock, systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { loadDemoData } from './demo/demo.js';
import { systemContext } from './http/actor.js';
import { startClockSweeper } from './jobs/clock-sweeper.js';
import { startMaintenance } from './jobs/maintenance.js';
import { ensureInitialAdmin } from './domains/users/user.service.js';

/** Start: config → database → migrations → first admin → app → listen. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const database = await openAndMigrate(config);
  const clock = config.testClock ? new OffsetClock() : systemClock;
  const deps = { db: database.db, engine: database.engine, clock, config };

  const admin = await ensureInitialAdmin(deps, systemContext());
  if (process.argv.includes('--demo')) {
    const summary = await loadDemoData(deps);
    process.stdout.write(`${summary}\n`);
  }

  const app = await buildApp({ config, database, clock, processMetrics: true });
  await app.listen({ port: config.port, host: config.host });
  const stopMaintenance = startMaintenance(deps, app.log);
  const stopClockSweeper = startClockSweeper(deps, app.log);

  const engine = database.engine === 'postgres' ? 'PostgreSQL' : `SQLite (${config.dataDir})`;
  const lines = [
    '',
    `Weibao is ready at http://localhost:${config.port} on ${engine} in ${Math.round(performance.now() - startedAt)} ms`,
  ];
  if (config.testClock) lines.push('', '  WEIBAO_TEST_CLOCK is on: time can be moved forward through POST /api/test/clock. Never use this in production.');
  if (admin) {
    lines.push(
      '',
      '  First start: an administrator account was created.',
      `    user name: ${admin.username}`,
      `    one-time password: ${admin.password}`,
      '  Sign in and choose a new password. (Lost it? `weibao create-admin` issues a new one.)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    stopMaintenance();
    stopClockSweeper();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Weibao could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
