import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Harness, SignedInUser } from './harness.js';

/** A fault on a whole customer file, with the desk's agent, a dispatcher and an engineer. */
export async function openFault(h: Harness, options: { title?: string } = {}) {
  const agent = await h.user(['agent']);
  const dispatcher = await h.user(['dispatcher']);
  const engineer = await h.user(['engineer'], { displayName: '张伟' });
  const file = await h.customerFile();
  const res = await h.request({
    method: 'POST',
    url: '/api/tickets',
    cookie: agent.cookie,
    payload: { kind: 'fault', grade: 'general', title: options.title ?? '存储控制器告警', customerId: file.customer.id, assetId: file.asset.id },
  });
  expect(res.statusCode).toBe(201);
  return { ...file, agent, dispatcher, engineer, ticket: res.json() as { id: number; number: string; status: string } };
}

export interface Visit {
  id: number;
  number: string;
  state: string;
  steps: string[];
  departedAt: number | null;
  arrivedAt: number | null;
}

/** Sends the engineer to the fault's site; returns the visit. */
export async function dispatch(h: Harness, ticketId: number, dispatcher: SignedInUser, engineers: SignedInUser[]): Promise<Visit> {
  const res = await h.request({
    method: 'POST',
    url: `/api/tickets/${ticketId}/dispatches`,
    cookie: dispatcher.cookie,
    payload: { engineerIds: engineers.map((e) => e.user.id), plannedAt: h.clock.now() + 3_600_000, bring: '1.2TB SAS 硬盘' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function step(h: Harness, visitId: number, who: SignedInUser, name: string, reason?: string) {
  return h.request({ method: 'POST', url: `/api/dispatches/${visitId}/steps`, cookie: who.cookie, payload: { step: name, ...(reason && { reason }) } });
}

/** A fault with its engineer on site. */
export async function faultOnSite(h: Harness) {
  const f = await openFault(h);
  const visit = await dispatch(h, f.ticket.id, f.dispatcher, [f.engineer]);
  expect((await step(h, visit.id, f.engineer, 'arrive')).statusCode).toBe(200);
  return { ...f, visit };
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A real PNG of a stroke across a transparent 120×40 canvas, as a signature pad exports it. */
function signaturePng(): Buffer {
  const width = 120;
  const height = 40;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let x = 0; x < width; x++) {
    const y = Math.round(20 + 12 * Math.sin(x / 9));
    const at = y * (width * 4 + 1) + 1 + x * 4;
    raw[at + 3] = 255; // opaque black
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const SIGNATURE = `data:image/png;base64,${signaturePng().toString('base64')}`;

export async function transition(h: Harness, ticketId: number, who: SignedInUser, to: string, comment?: string) {
  return h.request({ method: 'POST', url: `/api/tickets/${ticketId}/transitions`, cookie: who.cookie, payload: { to, ...(comment && { comment }) } });
}
