import { Command } from 'commander';
import { openAndMigrate, openConfiguredDatabase } from '../server/bootstrap.js';
import { systemClock } from '../server/clock.js';
import { loadConfig } from '../server/config.js';
import type { Database } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { loadDemoData } from '../server/demo/demo.js';
import type { Deps } from '../server/deps.js';
import { provisionAdmin } from '../server/domains/users/user.service.js';
import { systemContext } from '../server/http/actor.js';
import { VERSION } from '../server/version.js';

/** Opens the configured database (SQLite under DATA_DIR, or DATABASE_URL), runs `work`, closes it. */
async function withDatabase<T>(work: (deps: Deps, database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openAndMigrate(config);
  try {
    return await work({ db: database.db, engine: database.engine, clock: systemClock, config }, database);
  } finally {
    await database.close();
  }
}

function where(database: Database): string {
  return database.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${loadConfig().dataDir}`;
}

export function buildCli(): Command {
  const program = new Command()
    .name('weibao')
    .description('Weibao (维保) — after-sales service and maintenance desk.\nUses DATABASE_URL (PostgreSQL) or SQLite under DATA_DIR (default ./data).')
    .version(VERSION);

  program
    .command('migrate')
    .description('bring the database schema to the latest version')
    .action(async () => {
      const config = loadConfig();
      const database = openConfiguredDatabase(config);
      try {
        const result = await migrateToLatest(database);
        const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        console.log(applied.length ? `Applied ${applied.join(', ')} on ${where(database)}.` : `Already up to date on ${where(database)}.`);
      } finally {
        await database.close();
      }
    });

  program
    .command('create-admin')
    .description('create an administrator with a one-time password, or give an existing one a new one-time password')
    .option('-u, --username <name>', 'user name', 'admin')
    .action(async (options: { username: string }) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/.test(options.username)) {
        throw new Error('the user name must be 2–40 letters, digits, dot, dash or underscore');
      }
      await withDatabase(async (deps, database) => {
        const result = await provisionAdmin(deps, systemContext(), options.username);
        console.log(`${result.created ? 'Created administrator' : 'Reset administrator'} on ${where(database)}:`);
        console.log(`  user name: ${result.username}`);
        console.log(`  one-time password: ${result.password}`);
        console.log('Sign in and choose a new password.');
      });
    });

  program
    .command('demo')
    .description('load the demo company: customers, staff in every role, customer contacts and teams')
    .action(async () => {
      await withDatabase(async (deps) => console.log(await loadDemoData(deps)));
    });

  return program;
}

/** Runs the CLI; errors print as one line and exit with status 1. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    console.error(`weibao: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
