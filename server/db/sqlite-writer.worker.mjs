// SQLite's writer connection on a thread of its own (sqlite-driver.ts, ThreadWriter): it executes
// the requests it is sent, one at a time in order, and answers each with what it returned or the
// error it raised.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createWriter, describe } from './sqlite-writer.mjs';

const db = new Database(workerData.file);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const writer = createWriter(db);

parentPort.on('message', (request) => {
  let reply;
  try {
    reply = { id: request.id, ok: true, ...writer.execute(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: describe(error) };
  }
  parentPort.postMessage(reply);
  if (request.op === 'close') parentPort.close();
});
