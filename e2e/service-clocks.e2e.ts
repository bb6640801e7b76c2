import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot } from './browser.js';
import { useDemoJourney } from './journey.js';
import { intakeDevice, pickOption, quiet } from './ui.js';

interface ClockDto {
  kind: string;
  state: string;
  deadline: number | null;
}

interface NotificationDto {
  id: number;
  kind: string;
  ticketId: number | null;
  readAt: number | null;
}

/** China's 2026 public holidays and make-up workdays, as an administrator would paste them. */
const HOLIDAYS_2026 = `# 国务院办公厅关于2026年部分节假日安排的通知
2026-01-01..2026-01-03 holiday 元旦
2026-01-04 workday 元旦调休上班
2026-02-14 workday 春节调休上班
2026-02-15..2026-02-23 holiday 春节
2026-02-28 workday 春节调休上班
2026-04-04..2026-04-06 holiday 清明节
2026-05-01..2026-05-05 holiday 劳动节
2026-05-09 workday 劳动节调休上班
2026-06-19..2026-06-21 holiday 端午节
2026-09-20 workday 国庆节调休上班
2026-09-25..2026-09-27 holiday 中秋节
2026-10-01..2026-10-07 holiday 国庆节
2026-10-10 workday 国庆节调休上班
`;

/**
 * Service clocks (issue 5): a fault's countdowns, a breach made by the test clock (no sleeping),
 * the owner told through the bell, the compliance report, and the settings behind the clocks.
 */
describe.skipIf(!hasChromium)('service clocks journey', () => {
  const journey = useDemoJourney({ WEIBAO_TEST_CLOCK: '1', CLOCK_SWEEP_INTERVAL_MS: '1000' });
  const { signedIn, api } = journey;

  it('counts down a fault’s clocks, breaches the response, tells its owner, and reports it', async () => {
    const agent = await signedIn('chenjing');
    const owner = await signedIn('zhangwei');
    const manager = await signedIn('liuyang');
    const customer = (await api<{ items: { id: number }[] }>(agent, '/api/customers?q=WHSY')).items[0]!;
    const asset = (await api<{ items: { serialNumber: string }[] }>(agent, `/api/assets?customerId=${customer.id}&category=server&limit=1`)).items[0]!;
    const team = (await api<{ items: { id: number; name: string }[] }>(agent, '/api/teams?limit=50')).items.find((t) => t.name === '服务器与存储组')!;

    // The hotline opens a general fault for the server team, owned by zhangwei.
    await agent.goto(`${journey.server.url}/tickets/new`);
    await agent.getByTestId('intake-caller').fill('徐明');
    await intakeDevice(agent, asset.serialNumber);
    await agent.getByTestId('intake-kind-fault').click();
    await agent.getByTestId('intake-grade-general').click();
    await agent.getByTestId('intake-title').fill('PACS 影像服务器响应缓慢');
    await agent.getByTestId('intake-team').click();
    await agent.getByTestId(`team-option-${team.id}`).click();
    await agent.getByTestId('intake-owner').click();
    await agent.keyboard.type('zhangwei');
    await pickOption(agent, 'zhangwei');
    await agent.getByTestId('intake-save').click();
    await agent.getByTestId('intake-success-link').first().click();
    await agent.waitForURL(/\/tickets\/\d+$/);
    const ticketId = Number(/\/tickets\/(\d+)$/.exec(agent.url())![1]);
    const number = (await agent.getByTestId('ticket-number').textContent())!;
    expect(await agent.getByTestId('ticket-owner').textContent()).toContain('张伟');

    // Every clock of the commitment, with a live countdown on those running.
    const clocks = agent.getByTestId('ticket-clocks');
    const response = clocks.getByTestId('clock-response');
    await response.waitFor();
    expect(await response.getAttribute('data-look')).toBe('running');
    await clocks.getByTestId('clock-restore').waitFor();
    expect(await clocks.getByTestId('clock-arrival').getAttribute('data-look')).toBe('pending');
    const countdown = clocks.getByTestId('clock-response-countdown');
    const before = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(before);

    // The owner's bell is quiet so far.
    await owner.goto(`${journey.server.url}/tickets`);
    await owner.getByTestId('notification-bell').waitFor();
    const unreadBefore = (await api<{ unread: number }>(owner, '/api/notifications/unread-count')).unread;

    // The test clock moves the server past the response deadline (the sweeper runs at once).
    const read = await api<{ now: number; items: ClockDto[] }>(agent, `/api/tickets/${ticketId}/clocks`);
    const due = read.items.find((c) => c.kind === 'response')!;
    expect(due.state).toBe('running');
    await api<{ now: number }>(manager, '/api/test/clock', { advanceMs: due.deadline! - read.now + 60_000 });

    // The ticket page shows the response breached and still running, the other clocks in time.
    await agent.reload();
    await clocks.locator('[data-testid="clock-response"][data-state="breached"]').waitFor();
    expect(await response.getAttribute('data-look')).toBe('overdue');
    expect(await clocks.getByTestId('clock-response-countdown').textContent()).toMatch(/^\+/);
    expect(await clocks.getByTestId('clock-restore').getAttribute('data-look')).toBe('running');
    await clocks.scrollIntoViewIfNeeded();
    await agent.evaluate('window.scrollTo(0, 0)');
    await screenshot(agent, 'ticket-clocks');

    // The queue: "breached" finds it, newest first, with an overdue tag; then nearest deadline first.
    await agent.getByTestId('nav-tickets').click();
    await agent.getByTestId('tickets-table').waitFor();
    await agent.getByTestId('tickets-due-breached').click();
    await agent.waitForURL(/due=breached/);
    await expect.poll(() => agent.getByTestId('tickets-due-breached').getAttribute('aria-pressed')).toBe('true');
    const row = agent.locator('tr').filter({ has: agent.getByTestId(`ticket-row-${number}`) });
    await row.waitFor();
    expect(await row.getByTestId('next-deadline').getAttribute('data-due')).toBe('breached');
    expect(await row.getByTestId('next-deadline').textContent()).toContain('响应');
    await agent.getByTestId('tickets-sort').click();
    await agent.getByTestId('sort-option-deadline').click();
    await agent.waitForURL(/sort=deadline/);
    await agent.getByTestId('tickets-table').locator('[data-testid="next-deadline"][data-due="breached"]').first().waitFor();

    // The owner hears of the breach through the bell and opens the ticket from it.
    await expect.poll(async () => (await api<{ unread: number }>(owner, '/api/notifications/unread-count')).unread, { timeout: 10_000 }).toBeGreaterThan(unreadBefore);
    await owner.reload();
    const bell = owner.getByTestId('notification-bell');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(0);
    await bell.click();
    const panel = owner.getByTestId('notification-panel');
    const breach = panel.locator('[data-kind="breach"]').filter({ hasText: number }).first();
    await breach.waitFor();
    expect(await breach.textContent()).toContain('响应已超时');
    expect(await breach.getAttribute('data-unread')).toBe('1');
    await owner.waitForTimeout(300);
    await screenshot(owner, 'notifications');
    const breachId = Number((await breach.getAttribute('data-testid'))!.replace('notification-', ''));
    await breach.click();
    await owner.waitForURL(`${journey.server.url}/tickets/${ticketId}`);
    await owner.getByTestId('ticket-number').getByText(number).waitFor();
    await owner.getByTestId('ticket-clocks').locator('[data-testid="clock-response"][data-state="breached"]').waitFor();
    // Replying to the customer stops the response clock, late: the page follows without a reload.
    await owner.getByTestId('composer-mode-reply').click();
    await owner.getByTestId('composer-input').fill('您好,工程师已远程登录 PACS 服务器排查,稍后回电。');
    await owner.getByTestId('composer-send').click();
    await owner.getByTestId('ticket-clocks').locator('[data-testid="clock-response"][data-look="breached"]').waitFor();
    expect(await owner.getByTestId('clock-response-countdown').count()).toBe(0);
    await expect
      .poll(async () => (await api<{ items: NotificationDto[] }>(owner, '/api/notifications?limit=50')).items.find((n) => n.id === breachId)?.readAt ?? null)
      .not.toBeNull();
    // the full page lists it too, read now
    await owner.goto(`${journey.server.url}/notifications`);
    await owner.getByTestId(`notification-${breachId}`).waitFor();
    expect(await owner.getByTestId(`notification-${breachId}`).getAttribute('data-unread')).toBe('0');

    // On a phone the clocks come first, and the bell opens a drawer.
    const phone = await signedIn('zhangwei', { viewport: { width: 390, height: 844 } });
    await phone.goto(`${journey.server.url}/tickets/${ticketId}`);
    await phone.getByTestId('ticket-clocks').locator('[data-testid="clock-response"][data-state="breached"]').waitFor();
    const clocksTop = (await phone.getByTestId('ticket-clocks').boundingBox())!.y;
    const timelineTop = (await phone.getByTestId('ticket-timeline').boundingBox())!.y;
    expect(clocksTop).toBeLessThan(timelineTop);
    await phone.getByTestId('notification-bell').click();
    await phone.getByTestId('notification-panel').getByTestId(`notification-${breachId}`).waitFor();
    await phone.goto(`${journey.server.url}/tickets?due=breached`);
    await phone.getByTestId('tickets-clock-bar').waitFor();
    await expect.poll(() => phone.getByTestId('tickets-due-breached').getAttribute('aria-pressed')).toBe('true');

    // The service manager's compliance report counts the breach and lists the ticket.
    await manager.getByTestId('nav-reports').click();
    await manager.waitForURL(/\/reports\/compliance$/);
    await manager.getByTestId('compliance-breaches').getByTestId(`breach-${number}-response`).waitFor();
    const responseRow = manager.getByTestId('compliance-row-response');
    await responseRow.waitFor();
    expect(Number(await responseRow.locator('td').nth(3).textContent())).toBeGreaterThan(0);
    const exportHref = await manager.getByTestId('compliance-export-xlsx').getAttribute('href');
    expect(exportHref).toContain('/api/clock-compliance/export');
    const workbook = await manager.request.get(`${journey.server.url}${exportHref}`);
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-type']).toContain('spreadsheetml');
    await manager.waitForTimeout(300);
    await screenshot(manager, 'compliance');
  });

  it('edits a clock policy with errors placed on their fields, and loads a year of holidays from a file', async () => {
    const manager = await signedIn('liuyang');
    const policies = (await api<{ items: { id: number; isDefault: boolean }[] }>(manager, '/api/clock-policies')).items;
    const standard = policies.find((p) => p.isDefault)!;

    await manager.getByTestId('nav-admin-clock-policies').click();
    await manager.getByTestId('policy-default-tag').waitFor();
    await manager.getByTestId(`policy-edit-${standard.id}`).click();
    const form = manager.getByTestId('policy-form');
    await form.getByTestId('policy-targets').waitFor();
    // the seed's commitment, in hours and minutes: 30 min to respond, 14 h to restore a major fault
    expect(await form.getByTestId('target-general-response-m').inputValue()).toBe('30');
    expect(await form.getByTestId('target-major-restore-h').inputValue()).toBe('14');
    await manager.waitForTimeout(400);
    await screenshot(manager, 'clock-policies');

    // a target of nothing is caught in the form
    await form.getByTestId('target-major-restore-h').fill('0');
    await form.getByTestId('policy-form-submit').click();
    await form.getByText('1 分钟到 90 天之间').waitFor();
    await form.getByTestId('target-major-restore-h').fill('14');
    // an escalation step before the one above it is refused by the server, next to that step
    await form.getByTestId('policy-step-2-after-h').fill('0');
    await form.getByTestId('policy-step-2-after-m').fill('10');
    await form.getByTestId('policy-form-submit').click();
    await form.getByTestId('policy-steps').getByText('comes before the step above it').waitFor();
    await form.getByTestId('policy-step-2-after-h').fill('2');
    await form.getByTestId('policy-step-2-after-m').fill('0');
    await form.getByTestId('policy-form-submit').click();
    await form.waitFor({ state: 'hidden' });

    // the built-in business-hours calendar takes 2026's holidays from a file
    const calendars = (await api<{ items: { id: number; preset: string | null }[] }>(manager, '/api/calendars')).items;
    const office = calendars.find((c) => c.preset === 'business_hours')!;
    await manager.getByTestId('nav-admin-calendars').click();
    await manager.getByTestId(`calendar-link-${office.id}`).click();
    await manager.getByTestId('calendar-week').waitFor();
    await manager.getByTestId('holiday-year').click();
    await manager.locator('.ant-select-dropdown').getByTestId('holiday-year-2026').click();
    await manager.getByTestId('holiday-import').click();
    const text = manager.getByTestId('holiday-import-text');
    await text.fill(`${HOLIDAYS_2026}2026-13-01 holiday 不存在的日子\n`);
    await manager.getByTestId('holiday-import-confirm').click();
    const lineError = manager.getByTestId('holiday-error-line-15');
    await lineError.waitFor();
    // choosing the error selects its line
    await lineError.click();
    expect(await text.evaluate((el) => {
      const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return area.value.slice(area.selectionStart, area.selectionEnd);
    })).toBe('2026-13-01 holiday 不存在的日子');
    await text.fill(HOLIDAYS_2026);
    await manager.getByTestId('holiday-import-confirm').click();
    await manager.getByTestId('holiday-row-2026-10-01').waitFor();
    expect(await manager.getByTestId('holiday-row-2026-10-01').textContent()).toContain('国庆节');
    expect(await manager.getByTestId('holiday-row-2026-09-20').textContent()).toContain('调休上班');
    const year = await api<{ days: unknown[] }>(manager, `/api/calendars/${office.id}/years/2026`);
    expect(year.days.length).toBe(39);
    await quiet(manager);
    await screenshot(manager, 'calendars');
  });
});
