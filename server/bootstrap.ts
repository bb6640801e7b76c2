import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';

/** Opens the configured engine: PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR. */
export function openConfiguredDatabase(config: Config): Database {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize, preparedStatements: config.databasePreparedStatements })
    : openDatabase({ engine: 'sqlite', file: path.join(config.dataDir, 'weibao.sqlite') });
}

/** Opens and migrates the configured database. */
export async function openAndMigrate(config: Config): Promise<Database> {
  const database = openConfiguredDatabase(config);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
