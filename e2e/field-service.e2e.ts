import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNATURE } from '../server/test/field.js';
import { hasChromium, screenshot } from './browser.js';
import { useDemoJourney } from './journey.js';
import { pickOption, quiet, takeStep } from './ui.js';

const PHONE = { width: 390, height: 844 };

interface TicketDto {
  id: number;
  number: string;
  status: string;
}

interface DispatchDto {
  id: number;
  number: string;
  state: string;
  form: { id: number; state: string; satisfaction: string } | null;
}

/** A photo as the phone's camera would hand it over: a real PNG. */
const PHOTO = Buffer.from(SIGNATURE.split(',')[1]!, 'base64');

/**
 * Field service (issue 6) on a phone: the dispatcher sends an engineer, who departs, arrives,
 * logs the work with a photo, fills in the service form, has the customer draw a signature and
 * give satisfaction, and downloads the PDF; then the fault is resolved, the manager approves the
 * fault analysis report, and the ticket closes.
 */
describe.skipIf(!hasChromium)('field service journey', () => {
  const journey = useDemoJourney();
  const { signedIn, api } = journey;

  it('dispatches, visits, signs the service form, approves the report and closes the fault', async () => {
    const dispatcher = await signedIn('chenjing', { viewport: PHONE });
    const customer = (await api<{ items: { id: number }[] }>(dispatcher, '/api/customers?q=WHSY')).items[0]!;
    const asset = (await api<{ items: { id: number; serialNumber: string }[] }>(dispatcher, `/api/assets?customerId=${customer.id}&category=storage&limit=1`)).items[0]!;
    const ticket = await api<TicketDto>(dispatcher, '/api/tickets', {
      kind: 'fault',
      grade: 'general',
      title: '存储阵列硬盘告警,业务读写缓慢',
      description: '控制器B报7号盘预失效告警',
      assetId: asset.id,
      callerName: '徐明',
    });

    // The dispatcher sends zhangwei from the ticket page, on the phone.
    await dispatcher.goto(`${journey.server.url}/tickets/${ticket.id}`);
    await dispatcher.getByTestId('dispatch-create').click();
    await dispatcher.getByTestId('dispatch-engineers').click();
    await dispatcher.keyboard.type('zhangwei');
    await pickOption(dispatcher, 'zhangwei');
    await dispatcher.keyboard.press('Escape');
    await dispatcher.getByTestId('dispatch-bring').fill('1.2TB SAS 硬盘 1 块');
    await dispatcher.getByTestId('dispatch-submit').click();
    const visitRow = dispatcher.locator('[data-testid^="dispatch-"][data-state="planned"]').first();
    await visitRow.waitFor();
    const visit = (await api<{ items: DispatchDto[] }>(dispatcher, `/api/tickets/${ticket.id}/dispatches`)).items[0]!;
    expect(visit).toMatchObject({ number: `${ticket.number}-D1`, state: 'planned' });

    // The engineer finds the job on the phone, departs and checks in on site.
    const engineer = await signedIn('zhangwei', { viewport: PHONE });
    await engineer.goto(`${journey.server.url}/field`);
    const card = engineer.locator(`[data-testid="job-card"][data-dispatch-id="${visit.id}"]`);
    await card.waitFor();
    await quiet(engineer);
    await screenshot(engineer, 'field-jobs');
    await card.click();
    await engineer.waitForURL(new RegExp(`/field/visits/${visit.id}$`));
    await takeStep(engineer, 'depart');
    await engineer.locator('[data-testid="visit-state"][data-state="en_route"]').waitFor();
    await takeStep(engineer, 'arrive');
    await engineer.locator('[data-testid="visit-state"][data-state="on_site"]').waitFor();

    // Work log with a photo from the camera, and the parts used.
    await engineer.getByTestId('log-text').fill('检查阵列日志,确认7号盘介质错误,已更换并开始重建RAID');
    await engineer.getByTestId('log-photo').setInputFiles({ name: 'disk.png', mimeType: 'image/png', buffer: PHOTO });
    await engineer.getByTestId('log-photo-preview').waitFor();
    await engineer.getByTestId('log-submit').click();
    await engineer.getByTestId('log-thumb').first().waitFor();
    await engineer.getByTestId('parts-used').fill('1.2TB SAS 硬盘 × 1');
    await engineer.getByTestId('parts-save').click();
    await quiet(engineer);
    await engineer.evaluate('window.scrollTo(0, 0)');
    await screenshot(engineer, 'field-visit');

    // The service form, signed on the engineer's screen by the customer's technician.
    await engineer.getByTestId('form-create').click();
    await engineer.getByTestId('form-service-content').fill('存储控制器B硬盘告警,上门检查并更换故障硬盘');
    await engineer.getByTestId('form-work-done').fill('更换7号硬盘,RAID重建完成,检查其余硬盘与控制器状态正常');
    await engineer.getByTestId('form-result').fill('系统恢复正常运行,告警已清除');
    await engineer.getByTestId('form-save').click();
    await engineer.getByTestId('signer-name').fill('徐明');
    await engineer.getByTestId('satisfaction-satisfied').click();
    await engineer.getByTestId('signer-comment').fill('处理及时,工程师讲解清楚');
    const pad = engineer.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await engineer.mouse.move(box.x + 20, box.y + box.height / 2);
    await engineer.mouse.down();
    for (let i = 1; i <= 24; i++) await engineer.mouse.move(box.x + 20 + i * ((box.width - 40) / 24), box.y + box.height / 2 + Math.sin(i / 2) * (box.height / 4));
    await engineer.mouse.up();
    await engineer.getByTestId('sign-submit').click();
    await engineer.locator('[data-testid="form-state"][data-state="signed"]').waitFor();
    const hash = (await engineer.getByTestId('form-hash').textContent())!;
    expect(hash).toMatch(/[0-9a-f]{64}/);
    await engineer.getByTestId('form-hash-verified').waitFor();
    await quiet(engineer);
    await engineer.getByTestId('form-state').scrollIntoViewIfNeeded();
    await engineer.evaluate('window.scrollBy(0, -60)');
    await screenshot(engineer, 'field-signed');

    // The PDF downloads, and it is the signed form.
    const [download] = await Promise.all([engineer.waitForEvent('download'), engineer.getByTestId('form-pdf-zh').click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    await takeStep(engineer, 'leave');
    await engineer.locator('[data-testid="visit-state"][data-state="done"]').waitFor();
    const signed = (await api<{ items: DispatchDto[] }>(engineer, `/api/tickets/${ticket.id}/dispatches`)).items[0]!;
    expect(signed).toMatchObject({ state: 'done', form: { state: 'signed', satisfaction: 'satisfied' } });

    // How it was fixed, on the ticket page: the ticket is restored.
    await engineer.goto(`${journey.server.url}/tickets/${ticket.id}`);
    await engineer.getByTestId('resolution-record').click();
    await engineer.getByTestId('resolution-method').click();
    await engineer.getByTestId('resolution-method-part_replaced').click();
    await engineer.getByTestId('resolution-details').fill('更换7号故障硬盘,RAID重建完成');
    await engineer.getByTestId('resolution-root-cause').fill('硬盘介质老化');
    await engineer.getByTestId('resolution-save').click();
    await engineer.getByTestId('resolution-view').waitFor();
    await engineer.locator('[data-testid="ticket-status"][data-status="restored"]').waitFor();

    // The fault analysis report: drafted from the ticket, prevention written, approved, delivered.
    await engineer.getByTestId('report-draft').click();
    await engineer.getByTestId('report-prevention').fill('建议每季度巡检阵列硬盘健康状态,提前更换预失效硬盘');
    await engineer.getByTestId('report-save').click();
    await engineer.locator('[data-testid="report-state"][data-state="draft"]').waitFor();
    await expect.poll(async () => (await api<{ prevention: string }>(engineer, `/api/tickets/${ticket.id}/report`)).prevention).toContain('巡检');

    const manager = await signedIn('liuyang', { viewport: PHONE });
    await manager.goto(`${journey.server.url}/tickets/${ticket.id}`);
    await manager.getByTestId('report-approve').click();
    await manager.locator('[data-testid="report-state"][data-state="approved"]').waitFor();
    await manager.getByTestId('report-deliver').click();
    await manager.getByTestId('report-deliver-submit').click();
    await manager.locator('[data-testid="report-state"][data-state="delivered"]').waitFor();
    await quiet(manager);
    await manager.getByTestId('fault-report-card').scrollIntoViewIfNeeded();
    await screenshot(manager, 'fault-report');

    // With the form signed and the report delivered, the fault closes.
    await manager.getByTestId('ticket-transition-closed').click();
    await manager.getByTestId('transition-confirm').click();
    await manager.locator('[data-testid="ticket-status"][data-status="closed"]').waitFor();
    expect((await api<TicketDto>(manager, `/api/tickets/${ticket.id}`)).status).toBe('closed');

    // The asset's maintenance archive lists the visit and its satisfaction (R13).
    const repairs = await api<{ counts: { visits: number; satisfied: number }; items: { ticketId: number }[] }>(manager, `/api/assets/${asset.id}/repairs`);
    expect(repairs.items.map((r) => r.ticketId)).toContain(ticket.id);
    expect(repairs.counts.satisfied).toBeGreaterThanOrEqual(1);
  });
});
