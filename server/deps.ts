import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Engine } from './db/database.js';
import type { DB } from './db/schema.js';
import type { LiveHub } from './http/live.js';
import type { Mailer } from './shared/mail.js';

/** What services are handed: the database, which engine it is, the clock and the settings. */
export interface Deps {
  db: Kysely<DB>;
  engine: Engine;
  clock: Clock;
  config: Config;
  /** Live updates to browsers; absent where nothing listens (CLI, demo loader). */
  live?: LiveHub;
  /** Outgoing e-mail (sign links, PDFs); absent where nothing sends (CLI, demo loader). */
  mailer?: Mailer;
}
