// SQLite's writer connection on a thread of its own (sqlite-driver.ts, ThreadWriter): it executes
// the requests it is sent, in order, and answers each with what it returned or the error it
// raised. Requests of units (`op: 'units'`) that reach the thread while it is busy are committed
// together when it is free: one transaction for all of their units, so the
// thread goes from one COMMIT straight to the next group without waiting for the event loop.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createWriter, describe } from './sqlite-writer.mjs';

const db = new Database(workerData.file);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const writer = createWriter(db);

/**
 * A group takes in further requests while it holds fewer units than this (a request brings at most
 * as many, sqlite-driver.ts MAX_UNITS_SENT): about as many as the event loop's group commit takes.
 */
const MAX_GROUP = 64;

function answer(request) {
  let reply;
  try {
    reply = { id: request.id, ok: true, ...writer.execute(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: describe(error) };
  }
  parentPort.postMessage(reply);
  if (request.op === 'close') parentPort.close();
}

/** Commits the units of `requests` in one transaction and answers each request its outcomes. */
function commitGroup(requests) {
  try {
    const { rows } = writer.execute({ op: 'units', items: requests.flatMap((r) => r.items) });
    let at = 0;
    for (const request of requests) {
      parentPort.postMessage({ id: request.id, ok: true, rows: rows.slice(at, at + request.items.length) });
      at += request.items.length;
    }
  } catch (error) {
    // The group's COMMIT failed: nothing of it was written.
    for (const request of requests) parentPort.postMessage({ id: request.id, ok: false, error: describe(error) });
  }
}

parentPort.on('message', (request) => {
  if (request.op !== 'units') return answer(request);
  const group = [request];
  let units = request.items.length;
  let next = null;
  while (units < MAX_GROUP) {
    const waiting = receiveMessageOnPort(parentPort);
    if (!waiting) break;
    if (waiting.message.op !== 'units') {
      next = waiting.message;
      break;
    }
    group.push(waiting.message);
    units += waiting.message.items.length;
  }
  commitGroup(group);
  // A request that came after the group's goes after it, in order.
  if (next) answer(next);
});
