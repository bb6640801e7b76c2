import type { ColumnDataType, ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** A migration written once for both engines; `engine` is there for the SQL that must differ. */
export interface WeibaoMigration {
  name: string;
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

type ColumnArgs = [ColumnDataType, (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder];

/** An integer primary key: SQLite's rowid alias, PostgreSQL's bigint identity. */
export function idColumn(engine: Engine): ColumnArgs {
  return engine === 'postgres'
    ? ['bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()]
    : ['integer', (c) => c.primaryKey().autoIncrement()];
}

/** A required UTC epoch-millisecond time. */
export function timeColumn(): ColumnArgs {
  return ['bigint', (c) => c.notNull()];
}
