// SQLite's writer connection: what it executes for the driver (sqlite-driver.ts), on a worker
// thread of its own (sqlite-writer.worker.mjs) or, for an in-memory database, on the event loop.
//
// Plain JavaScript with its types beside it (sqlite-writer.d.mts): a worker thread loads its
// files with Node's own loader, both from the sources (tests, tsx) and from dist, and Node 20
// cannot load TypeScript.

/** Keeps a connection's most recent prepared statements (preparing costs as much as an indexed query). */
export function statementCache(db, size = 500) {
  const cache = new Map();
  return (text) => {
    let statement = cache.get(text);
    if (statement) {
      cache.delete(text);
    } else {
      statement = db.prepare(text);
      if (cache.size >= size) cache.delete(cache.keys().next().value);
    }
    cache.set(text, statement);
    return statement;
  };
}

// Binary values arrive from another thread as Uint8Array; better-sqlite3 binds Buffers.
function bindable(parameters) {
  return parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
}

/** An error as it crosses to the other thread: what the error handlers read of it. */
export function describe(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, code: e.code };
}

/** Executes the driver's requests on `db`; see WriterRequest in sqlite-writer.d.mts. */
export function createWriter(db) {
  const prepare = statementCache(db);
  const totalChanges = db.prepare('select total_changes() as n');

  function query(text, parameters) {
    const statement = prepare(text);
    if (statement.reader) return { rows: statement.all(bindable(parameters)) };
    const { changes, lastInsertRowid } = statement.run(bindable(parameters));
    return { changes, lastInsertRowid: Number(lastInsertRowid) };
  }

  // A numbered row and the rows that go with it, in one request (NumberedInsert).
  function numbered({ counter, prefix, width, row, then, placeholders }) {
    const counted = query(counter.sql, counter.parameters).rows?.[0];
    if (!counted) throw new Error('numbered insert: the counter statement returned no row');
    const number = prefix + String(Object.values(counted)[0]).padStart(width, '0');
    let id = placeholders.id;
    const idText = String(placeholders.id);
    const fill = (parameters) =>
      parameters.map((p) => {
        if (p === placeholders.id) return id;
        if (typeof p !== 'string') return p;
        const numbered = p.includes(placeholders.number) ? p.replaceAll(placeholders.number, number) : p;
        return numbered.includes(idText) ? numbered.replaceAll(idText, String(id)) : numbered;
      });
    const inserted = query(row.sql, fill(row.parameters));
    id = inserted.rows ? Number(Object.values(inserted.rows[0])[0]) : inserted.lastInsertRowid;
    for (const statement of then) query(statement.sql, fill(statement.parameters));
    return { rows: [{ id, number }] };
  }

  function changed() {
    return totalChanges.get().n;
  }

  // One request of a batch; its result or its error, as outcomes go back to the other thread.
  function attempt(item) {
    try {
      return { ok: true, ...execute(item) };
    } catch (error) {
      return { ok: false, error: describe(error) };
    }
  }

  // A group commit's units, each a request, in one transaction (group-commit.ts explains the
  // policy; this is it without the waits in between): each runs bare; one that fails after
  // writing rolls the batch back, rejects, and the others run again, each inside a savepoint.
  function batch(items) {
    prepare('begin').run();
    try {
      const outcomes = [];
      let aborted = -1;
      for (const [i, item] of items.entries()) {
        const before = changed();
        outcomes.push(attempt(item));
        if (!outcomes[i].ok && changed() !== before) {
          aborted = i;
          break;
        }
      }
      if (aborted !== -1) {
        prepare('rollback').run();
        prepare('begin').run();
        for (const [i, item] of items.entries()) {
          if (i < aborted && !outcomes[i].ok) continue;
          if (i === aborted) continue;
          prepare('savepoint unit').run();
          outcomes[i] = attempt(item);
          if (!outcomes[i].ok) prepare('rollback to unit').run();
          prepare('release unit').run();
        }
      }
      prepare('commit').run();
      return { rows: outcomes };
    } catch (error) {
      if (db.inTransaction) prepare('rollback').run();
      throw error;
    }
  }

  function execute(request) {
    switch (request.op) {
      case 'query':
        return query(request.sql, request.parameters);
      case 'numbered':
        return numbered(request.insert);
      case 'units':
        return batch(request.items);
      case 'begin':
        prepare('begin').run();
        return {};
      case 'commit':
        prepare('commit').run();
        return {};
      case 'rollback':
        if (db.inTransaction) prepare('rollback').run();
        return {};
      case 'close':
        db.close();
        return {};
      default:
        throw new Error(`unknown request ${request.op}`);
    }
  }

  return {
    execute,
  };
}
