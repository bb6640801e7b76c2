import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { idColumn, timeColumn, type WeibaoMigration } from './helpers.js';

/** Accounts, roles, teams, sessions, API tokens, sign-in throttling and the audit trail (R18). */
export const foundation: WeibaoMigration = {
  name: '0001-foundation',
  async up(db: Kysely<unknown>, engine: Engine) {
    await db.schema
      .createTable('customers')
      .addColumn('id', ...idColumn(engine))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', ...idColumn(engine))
      // Stored lower-cased, so uniqueness is case-insensitive on both engines.
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('disabled_at', 'bigint')
      .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
      .addColumn('locale', 'text')
      .addColumn('last_sign_in_at', 'bigint')
      // Sessions opened before this time are dead: a password change or reset ends them all.
      .addColumn('sessions_valid_from', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();
    await db.schema.createIndex('users_customer_idx').on('users').column('customer_id').execute();

    await db.schema
      .createTable('user_roles')
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
      .execute();
    await db.schema.createIndex('user_roles_role_idx').on('user_roles').columns(['role', 'user_id']).execute();

    await db.schema
      .createTable('teams')
      .addColumn('id', ...idColumn(engine))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('lead_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', ...timeColumn())
      .addColumn('updated_at', ...timeColumn())
      .execute();

    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'bigint', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
      .execute();
    await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', ...timeColumn())
      .addColumn('last_seen_at', ...timeColumn())
      .addColumn('expires_at', ...timeColumn())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', ...idColumn(engine))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_by_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', ...timeColumn())
      .addColumn('last_used_at', 'bigint')
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

    // Failed sign-ins live in the database, not in a process, so every instance behind a load
    // balancer counts the same failures.
    await db.schema
      .createTable('login_failures')
      .addColumn('id', ...idColumn(engine))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', ...timeColumn())
      .execute();
    await db.schema.createIndex('login_failures_key_at_idx').on('login_failures').columns(['key', 'at']).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', ...idColumn(engine))
      .addColumn('at', ...timeColumn())
      .addColumn('actor_user_id', 'bigint')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('ip', 'text')
      .addColumn('request_id', 'text')
      .execute();
    // Keyset pages run newest first by id, narrowed by one of these.
    await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
    await db.schema.createIndex('audit_actor_idx').on('audit_log').columns(['actor_user_id', 'id']).execute();
    await db.schema.createIndex('audit_action_idx').on('audit_log').columns(['action', 'id']).execute();
    await db.schema.createIndex('audit_at_idx').on('audit_log').column('at').execute();

    // R18: the audit trail is append-only; the database itself refuses edits and deletions.
    if (engine === 'postgres') {
      await sql`
        create function audit_log_is_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`
        create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_is_append_only()`.execute(db);
    } else {
      await sql`
        create trigger audit_log_no_update before update on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      await sql`
        create trigger audit_log_no_delete before delete on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    }
  },
};
