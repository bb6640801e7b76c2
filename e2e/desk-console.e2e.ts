import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot } from './browser.js';
import { useDemoJourney } from './journey.js';
import { quiet } from './ui.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real PNG (a rack's status panel, more or less): the server detects the type from these bytes. */
function panelPng(width = 240, height = 160): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const led = (x % 40 < 12 && y % 32 < 10) as boolean;
      const alarm = led && x < 40 && y < 32;
      const [r, g, b] = alarm ? [230, 40, 40] : led ? [40, 200, 90] : [30 + (y >> 2), 40 + (x >> 3), 60];
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface TicketDto {
  id: number;
  number: string;
  status: string;
  teamId: number | null;
}

/**
 * The console's gaps of issue 4: attachments with previews, links and merges, routing rules, and
 * saved queue views — each as the person who does it.
 */
describe.skipIf(!hasChromium)('desk console journey', () => {
  const journey = useDemoJourney();
  const { signedIn, api } = journey;

  /** Opens a ticket for the demo hospital through the API, as the hotline would. */
  async function openTicket(page: Page, title: string): Promise<TicketDto> {
    const customer = (await api<{ items: { id: number }[] }>(page, '/api/customers?q=WHSY')).items[0]!;
    return api<TicketDto>(page, '/api/tickets', { kind: 'fault', grade: 'general', title, customerId: customer.id, channel: 'phone' });
  }

  /** Picks a ticket in a TicketSearchSelect by typing its number. */
  async function pickTicket(page: Page, testId: string, number: string): Promise<void> {
    await page.getByTestId(testId).click();
    // Pick from the search's answer, not from the list it replaces (a click on an option being
    // replaced is lost and leaves the list open over the dialog).
    const searched = page.waitForResponse((r) => r.url().includes('/api/tickets/search') && r.url().includes(encodeURIComponent(number)));
    await page.keyboard.type(number);
    await searched;
    await page.getByTestId(`ticket-option-${number}`).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  }

  it('uploads a picture to a ticket, previews it, and refuses a web page named .png', async () => {
    const agent = await signedIn('chenjing');
    const ticket = await openTicket(agent, '机房 UPS 面板告警灯常亮');
    await agent.goto(`${journey.server.url}/tickets/${ticket.id}`);
    const card = agent.getByTestId('ticket-attachments');
    await card.getByText('暂无附件').waitFor();

    await card.locator('input[type=file]').setInputFiles({ name: 'UPS面板.png', mimeType: 'image/png', buffer: panelPng() });
    const thumb = card.getByTestId('attachment-images').locator('img');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
    // the upload is on the timeline too, where it happened
    await agent.getByTestId('ticket-timeline').getByText('UPS面板.png').waitFor();

    // markup renamed .png is refused by its content, and the console says why
    await card.locator('input[type=file]').setInputFiles({ name: '日志.png', mimeType: 'image/png', buffer: Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>') });
    const refused = card.getByTestId('attachment-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('日志.png');
    expect(await card.getByTestId('attachment-images').locator('img').count()).toBe(1);

    await card.scrollIntoViewIfNeeded();
    await quiet(agent);
    await screenshot(agent, 'ticket-attachments');

    await thumb.click();
    const preview = agent.locator('.ant-image-preview-img');
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/^\/api\/attachments\/\d+$/);
    await agent.waitForTimeout(400);
    await screenshot(agent, 'attachment-preview');
    await agent.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
  });

  it('links two tickets of one customer, merges one into the other, and gathers a child under an incident', async () => {
    const agent = await signedIn('chenjing');
    const first = await openTicket(agent, '门诊挂号系统登录缓慢');
    const second = await openTicket(agent, 'HIS 系统响应慢,挂号排队');
    const caller = await openTicket(agent, '住院部也无法登录 HIS');

    await agent.goto(`${journey.server.url}/tickets/${first.id}`);
    const links = agent.getByTestId('ticket-links');
    await links.getByText('暂无关联工单').waitFor();
    await links.getByTestId('links-add').click();
    await pickTicket(agent, 'link-ticket', second.number);
    await agent.getByTestId('link-confirm').click();
    await links.getByTestId('links-related').getByTestId(`linked-${second.number}`).waitFor();
    // a link made by mistake is removed again, then made anew
    await links.getByTestId(`unlink-${second.number}`).click();
    await agent.getByTestId('confirm-ok').click();
    await links.getByText('暂无关联工单').waitFor();
    await links.getByTestId('links-add').click();
    await pickTicket(agent, 'link-ticket', second.number);
    await agent.getByTestId('link-confirm').click();
    await links.getByTestId('links-related').getByTestId(`linked-${second.number}`).waitFor();

    // merge the first into the second, confirming it
    await links.getByTestId('links-merge').click();
    await pickTicket(agent, 'merge-ticket', second.number);
    await agent.getByTestId('merge-warning').waitFor();
    await agent.getByTestId('merge-submit').click();
    await agent.getByTestId('merge-confirm-ok').click();
    await links.getByTestId('links-duplicate-of').getByTestId(`linked-${second.number}`).waitFor();
    await agent.locator('[data-testid="ticket-status"][data-status="closed"]').waitFor();
    await agent.getByTestId('event-merged-into').waitFor();
    expect((await api<TicketDto>(agent, `/api/tickets/${first.id}`)).status).toBe('closed');

    // the surviving ticket becomes a major incident with a caller's ticket under it
    await links.getByTestId('links-duplicate-of').getByRole('link', { name: second.number }).click();
    await agent.getByTestId('ticket-number').getByText(second.number).waitFor();
    await links.getByTestId('links-duplicates').getByTestId(`linked-${first.number}`).waitFor();
    await links.getByTestId('links-add').click();
    await agent.getByTestId('link-relation-child').click();
    await pickTicket(agent, 'link-ticket', caller.number);
    await agent.getByTestId('link-confirm').click();
    await links.getByTestId('links-children').getByTestId(`linked-${caller.number}`).waitFor();
    await agent.getByTestId('event-merged-from').waitFor();
    await quiet(agent);
    await screenshot(agent, 'ticket-links');
  });

  it('creates a routing rule that routes the next matching ticket', async () => {
    const manager = await signedIn('liuyang');
    const team = (await api<{ items: { id: number; name: string }[] }>(manager, '/api/teams?limit=50')).items.find((t) => t.name === '服务器与存储组')!;
    await manager.getByTestId('nav-admin-routing').click();
    await manager.getByTestId('rules-no-fallback').waitFor();
    await manager.getByTestId('rules-new').click();

    // nothing filled in: the form says what is missing
    await manager.getByTestId('rule-form-submit').click();
    await manager.getByText('请填写规则名称').waitFor();
    await manager.getByText('请选择团队或负责人:规则必须把工单分派出去').waitFor();

    await manager.getByTestId('rule-form-name').fill('电话报修的重大故障交服务器与存储组');
    await manager.getByTestId('rule-form-position').fill('5');
    await manager.getByTestId('rule-form-grade').click();
    await manager.getByTestId('rule-grade-option-major').click();
    await manager.getByTestId('rule-form-channel').click();
    await manager.getByTestId('rule-channel-option-phone').click();
    await manager.getByTestId('rule-form-team').click();
    await manager.getByTestId(`rule-team-option-${team.id}`).click();
    await manager.getByTestId('rule-form-submit').click();
    const row = manager.getByTestId('rule-row-电话报修的重大故障交服务器与存储组');
    await row.waitFor();
    expect(await row.textContent()).toContain(team.name);

    // the fallback: a rule without conditions, placed last
    await manager.getByTestId('rules-add-fallback').click();
    await manager.getByTestId('rule-form-team').click();
    await manager.getByTestId(`rule-team-option-${team.id}`).click();
    await manager.getByTestId('rule-form-submit').click();
    await manager.getByTestId('rule-row-兜底团队').waitFor();
    await manager.getByTestId('rules-no-fallback').waitFor({ state: 'detached' });
    await quiet(manager);
    await screenshot(manager, 'routing-rules');

    const customer = (await api<{ items: { id: number }[] }>(manager, '/api/customers?q=WHSY')).items[0]!;
    const routed = await api<TicketDto>(manager, '/api/tickets', { kind: 'fault', grade: 'major', channel: 'phone', title: '存储阵列双控制器故障', customerId: customer.id });
    expect(routed.teamId).toBe(team.id);
  });

  it('saves the queue filters as a view and reopens it later', async () => {
    const agent = await signedIn('chenjing');
    await agent.goto(`${journey.server.url}/tickets`);
    await agent.getByTestId('tickets-table').waitFor();
    await agent.getByTestId('tickets-filter-grade').click();
    await agent.getByTestId('filter-grade-major').click();
    await agent.getByTestId('tickets-filter-status').click();
    await agent.getByTestId('filter-status-open').click();

    await agent.getByTestId('views-save').click();
    await agent.getByTestId('view-name').fill('未关闭的重大故障');
    await agent.getByTestId('view-name').press('Enter');
    await agent.getByTestId('views-select').getByText('未关闭的重大故障').waitFor();

    // a fresh page: no filters, then the view brings them back
    await agent.reload();
    await agent.getByTestId('tickets-table').waitFor();
    expect(await agent.getByTestId('tickets-filter-grade').getByText('重大故障').count()).toBe(0);
    await agent.getByTestId('views-select').click();
    await agent.getByTestId('view-option-未关闭的重大故障').click();
    await agent.getByTestId('tickets-filter-grade').getByText('重大故障').waitFor();
    await agent.getByTestId('tickets-filter-status').getByText('未关闭').waitFor();
    await agent.locator('.ant-select-dropdown').filter({ visible: true }).waitFor({ state: 'detached' }).catch(() => undefined);
    await agent.waitForTimeout(300);
    await quiet(agent);
    await screenshot(agent, 'queue-views');
    // the queue shows what the view asks for
    const majors = await api<{ items: TicketDto[] }>(agent, '/api/tickets?queue=all&grade=major&status=open&limit=1');
    if (majors.items[0]) await agent.getByTestId(`ticket-row-${majors.items[0].number}`).waitFor();

    // and it can be deleted again
    await agent.getByTestId('views-delete').click();
    await agent.getByTestId('confirm-ok').click();
    await agent.getByTestId('views-delete').waitFor({ state: 'detached' });
    expect((await api<{ items: unknown[] }>(agent, '/api/ticket-views')).items).toEqual([]);
  });
});
