import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Database } from '../db/database.js';

export interface TicketSignal {
  id: number;
  number: string;
  customerId: number;
  action: 'created' | 'updated';
}

const CHANNEL = 'weibao_tickets';

/**
 * Live updates for browsers (server-sent events). With SQLite there is one process and signals
 * stay in it; with PostgreSQL every instance publishes with NOTIFY and hears every instance's
 * signals through LISTEN, so an agent on one instance sees a ticket created on another.
 */
export interface LiveHub {
  publish(signal: TicketSignal): void;
  subscribe(listener: (signal: TicketSignal) => void): () => void;
  close(): Promise<void>;
}

export function createLiveHub(database: Database): LiveHub {
  const postgresUrl = database.engine === 'postgres' ? (database.url ?? null) : null;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let listener: pg.Client | null = null;
  let closed = false;

  if (database.engine === 'postgres' && postgresUrl) {
    const connect = async () => {
      const client = new pg.Client({ connectionString: postgresUrl, application_name: 'weibao-live' });
      client.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        // A notification carries the signals of one instance's moment, as an array.
        for (const signal of [JSON.parse(msg.payload) as TicketSignal | TicketSignal[]].flat()) emitter.emit('ticket', signal);
      });
      client.on('error', () => {
        // Reconnect after a lost connection; live updates are a convenience, never a source of truth.
        listener = null;
        if (!closed) setTimeout(() => void connect().catch(() => undefined), 2000).unref();
      });
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (closed) await client.end();
      else listener = client;
    };
    void connect().catch(() => undefined);
  }

  // Signals published in the same turn of the event loop go out as one NOTIFY (its payload must
  // stay under PostgreSQL's 8,000 bytes), not one round trip each.
  let pending: TicketSignal[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    const chunks: TicketSignal[][] = [[]];
    let size = 0;
    for (const signal of batch) {
      const length = JSON.stringify(signal).length + 1;
      if (size + length > 7_000 && chunks[chunks.length - 1]!.length) {
        chunks.push([]);
        size = 0;
      }
      chunks[chunks.length - 1]!.push(signal);
      size += length;
    }
    for (const chunk of chunks) {
      void database.db
        .selectNoFrom((eb) => eb.fn('pg_notify', [eb.val(CHANNEL), eb.val(JSON.stringify(chunk))]).as('n'))
        .execute()
        .catch(() => undefined);
    }
  };

  return {
    publish(signal) {
      if (database.engine === 'postgres' && postgresUrl) {
        if (pending.length === 0) setImmediate(flush);
        pending.push(signal);
      } else {
        emitter.emit('ticket', signal);
      }
    },
    subscribe(fn) {
      emitter.on('ticket', fn);
      return () => emitter.off('ticket', fn);
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await listener?.end().catch(() => undefined);
    },
  };
}
