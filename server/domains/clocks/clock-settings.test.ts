import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { unique, useHarness } from '../../test/harness.js';
import { DEFAULT_POLICY } from './policy.js';

const HOURS = [{ from: '09:00', to: '18:00' }];
const WEEK = { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS };

function policyBody(extra: Record<string, unknown> = {}): Record<string, unknown> & { name: string } {
  return { name: unique('策略'), targets: structuredClone(DEFAULT_POLICY.targets), warnFraction: 0.8, ...extra };
}

describeEachEngine('clock policies and calendars', (db) => {
  const h = useHarness(db);

  it('comes with the seed’s default policy and the 7×24 and business-hours calendars', async () => {
    const staff = await h().user(['agent']);
    const policies = (await h().request({ method: 'GET', url: '/api/clock-policies', cookie: staff.cookie })).json().items;
    const def = policies.find((p: { isDefault: boolean }) => p.isDefault);
    expect(def.targets.general).toMatchObject({ response: 30, solution: 60, dispatch: 120, arrival: 60, restore: 360, hardware_restore: 240, report: 4320 });
    expect(def.targets.major.restore).toBe(14 * 60);
    expect(def.escalation.breach.map((s: { to: string[] }) => s.to[0])).toEqual(['owner', 'team_lead', 'manager']);
    const calendars = (await h().request({ method: 'GET', url: '/api/calendars', cookie: staff.cookie })).json().items;
    expect(calendars.map((c: { preset: string | null }) => c.preset).slice(0, 2).sort()).toEqual(['business_hours', 'round_the_clock']);
    const office = calendars.find((c: { preset: string }) => c.preset === 'business_hours');
    expect(office).toMatchObject({ kind: 'business_hours', timeZone: 'Asia/Shanghai', years: [2026] });
    const year = (await h().request({ method: 'GET', url: `/api/calendars/${office.id}/years/2026`, cookie: staff.cookie })).json();
    expect(year.days.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节调休上班' });
    expect(year.file).toContain('2026-10-01 holiday 国庆节');
  });

  it('lets managers add policies and refuses a bad one with every problem and its path, changing nothing', async () => {
    const manager = await h().user(['manager']);
    const engineer = await h().user(['engineer']);
    const contact = (await h().customerWithContact()).contact;
    expect((await h().request({ method: 'POST', url: '/api/clock-policies', cookie: engineer.cookie, payload: policyBody() })).statusCode).toBe(403);
    expect((await h().request({ method: 'GET', url: '/api/clock-policies', cookie: contact.cookie })).statusCode).toBe(403);

    const targets = structuredClone(DEFAULT_POLICY.targets) as Record<string, Record<string, number>>;
    targets.general!.response = 0;
    targets.major!.restore = 1.5;
    const bad = await h().request({
      method: 'POST',
      url: '/api/clock-policies',
      cookie: manager.cookie,
      payload: policyBody({ targets, warnFraction: 1, escalation: { warn: ['owner'], breach: [{ afterMinutes: 0, to: ['boss'] }] } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('policy_invalid');
    expect(bad.json().error.details.problems.map((p: { path: string }) => p.path)).toEqual(['targets.general.response', 'targets.major.restore', 'warnFraction', 'escalation.breach[0].to[0]']);
    const zh = await h().request({ method: 'POST', url: '/api/clock-policies', cookie: manager.cookie, lang: 'zh-CN', payload: policyBody({ warnFraction: 2 }) });
    expect(zh.json().error.message).toMatch(/^时限策略设置不正确/);

    const body = policyBody({ description: '金融客户 VIP', escalation: { warn: ['owner', 'team_lead'], breach: [{ afterMinutes: 0, to: ['owner', 'manager'] }] } });
    const created = await h().request({ method: 'POST', url: '/api/clock-policies', cookie: manager.cookie, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: body.name, isDefault: false, warnFraction: 0.8, roundTheClock: DEFAULT_POLICY.roundTheClock, escalation: body.escalation });
    const taken = await h().request({ method: 'POST', url: '/api/clock-policies', cookie: manager.cookie, payload: policyBody({ name: body.name }) });
    expect(taken.json().error.code).toBe('clock_policy_name_taken');
  });

  it('moves the default flag to the policy made default and refuses to delete the default', async () => {
    const admin = await h().user(['admin']);
    const before = (await h().request({ method: 'GET', url: '/api/clock-policies', cookie: admin.cookie })).json().items.find((p: { isDefault: boolean }) => p.isDefault);
    const next = (await h().request({ method: 'POST', url: '/api/clock-policies', cookie: admin.cookie, payload: policyBody({ isDefault: true }) })).json();
    const all = (await h().request({ method: 'GET', url: '/api/clock-policies', cookie: admin.cookie })).json().items;
    expect(all.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: number }) => p.id)).toEqual([next.id]);
    expect((await h().request({ method: 'DELETE', url: `/api/clock-policies/${next.id}`, cookie: admin.cookie })).json().error.code).toBe('clock_policy_default');
    const unset = await h().request({ method: 'PUT', url: `/api/clock-policies/${next.id}`, cookie: admin.cookie, payload: policyBody({ name: next.name, isDefault: false }) });
    expect(unset.json().error.code).toBe('policy_invalid');
    // Hand the flag back, then the other one can go.
    const back = await h().request({ method: 'PUT', url: `/api/clock-policies/${before.id}`, cookie: admin.cookie, payload: { name: before.name, targets: before.targets, warnFraction: before.warnFraction, roundTheClock: before.roundTheClock, escalation: before.escalation, isDefault: true } });
    expect(back.json().isDefault).toBe(true);
    expect((await h().request({ method: 'DELETE', url: `/api/clock-policies/${next.id}`, cookie: admin.cookie })).statusCode).toBe(204);
    const audit = (await h().request({ method: 'GET', url: `/api/audit?entityType=clock_policy&entityId=${next.id}`, cookie: admin.cookie })).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['clock_policy.create', 'clock_policy.delete']);
  });

  it('lets a contract pick a policy and a calendar, and keeps them from being deleted while it does', async () => {
    const manager = await h().user(['manager']);
    const file = await h().customerFile();
    const policy = (await h().request({ method: 'POST', url: '/api/clock-policies', cookie: manager.cookie, payload: policyBody() })).json();
    const calendar = (await h().request({ method: 'POST', url: '/api/calendars', cookie: manager.cookie, payload: { name: unique('日历'), kind: 'business_hours', week: WEEK } })).json();
    const missing = await h().request({ method: 'PATCH', url: `/api/contracts/${file.contract.id}`, cookie: manager.cookie, payload: { clockPolicyId: 999_999 } });
    expect(missing.json().error.code).toBe('clock_policy_not_found');
    const picked = await h().request({ method: 'PATCH', url: `/api/contracts/${file.contract.id}`, cookie: manager.cookie, payload: { clockPolicyId: policy.id, calendarId: calendar.id } });
    expect(picked.json()).toMatchObject({ clockPolicyId: policy.id, clockPolicyName: policy.name, calendarId: calendar.id, calendarName: calendar.name });
    expect((await h().request({ method: 'DELETE', url: `/api/clock-policies/${policy.id}`, cookie: manager.cookie })).json().error.code).toBe('clock_policy_in_use');
    expect((await h().request({ method: 'DELETE', url: `/api/calendars/${calendar.id}`, cookie: manager.cookie })).json().error.code).toBe('calendar_in_use');
    await h().request({ method: 'PATCH', url: `/api/contracts/${file.contract.id}`, cookie: manager.cookie, payload: { clockPolicyId: null, calendarId: null } });
    expect((await h().request({ method: 'DELETE', url: `/api/clock-policies/${policy.id}`, cookie: manager.cookie })).statusCode).toBe(204);
    expect((await h().request({ method: 'DELETE', url: `/api/calendars/${calendar.id}`, cookie: manager.cookie })).statusCode).toBe(204);
  });

  it('refuses a calendar without working time or with a bad zone, and built-in ones cannot go', async () => {
    const admin = await h().user(['admin']);
    const none = await h().request({ method: 'POST', url: '/api/calendars', cookie: admin.cookie, payload: { name: unique('空'), kind: 'business_hours', week: {} } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'calendar_invalid', details: { problems: [{ code: 'no_working_time', path: 'week' }] } });
    const zone = await h().request({ method: 'POST', url: '/api/calendars', cookie: admin.cookie, payload: { name: unique('火星'), kind: '7x24', timeZone: 'Mars/Olympus' } });
    expect(zone.json().error.details.problems[0]).toMatchObject({ code: 'bad_time_zone' });
    const backwards = await h().request({ method: 'POST', url: '/api/calendars', cookie: admin.cookie, payload: { name: unique('倒'), kind: 'business_hours', week: { mon: [{ from: '18:00', to: '09:00' }] } } });
    expect(backwards.json().error.details.problems[0]).toMatchObject({ code: 'bad_hours', path: 'week.mon[0]' });
    const builtin = (await h().request({ method: 'GET', url: '/api/calendars', cookie: admin.cookie })).json().items.find((c: { preset: string }) => c.preset === 'round_the_clock');
    expect((await h().request({ method: 'DELETE', url: `/api/calendars/${builtin.id}`, cookie: admin.cookie })).json().error.code).toBe('calendar_builtin');
    const turned = await h().request({ method: 'PUT', url: `/api/calendars/${builtin.id}`, cookie: admin.cookie, payload: { name: builtin.name, kind: 'business_hours', week: WEEK } });
    expect(turned.json().error.code).toBe('calendar_builtin');
  });

  it('loads a year of holidays from a file, refuses a bad file with its line numbers, and replaces a year whole', async () => {
    const admin = await h().user(['admin']);
    const cal = (await h().request({ method: 'POST', url: '/api/calendars', cookie: admin.cookie, payload: { name: unique('办公'), kind: 'business_hours', week: WEEK } })).json();
    const url = `/api/calendars/${cal.id}/years/2027`;
    const bad = await h().request({ method: 'POST', url: `${url}/import`, cookie: admin.cookie, payload: { text: '2027-01-01 holiday 元旦\n2027-13-01 holiday x\n2026-12-31 holiday 跨年\n' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'holiday_file_invalid', details: { errors: [{ line: 2 }, { line: 3 }] } });
    expect((await h().request({ method: 'GET', url, cookie: admin.cookie })).json().days).toEqual([]);

    const file = '# 2027\n2027-10-01..2027-10-07 holiday 国庆节\n2027-10-09 workday 09:00-12:00 国庆节调休上班\n';
    const loaded = await h().request({ method: 'POST', url: `${url}/import`, cookie: admin.cookie, payload: { text: file } });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().days).toHaveLength(8);
    expect(loaded.json().days.at(-1)).toEqual({ day: '2027-10-09', kind: 'workday', name: '国庆节调休上班', hours: [{ from: '09:00', to: '12:00' }] });
    expect((await h().request({ method: 'GET', url: `/api/calendars/${cal.id}`, cookie: admin.cookie })).json().years).toEqual([2027]);

    const outside = await h().request({ method: 'PUT', url, cookie: admin.cookie, payload: { days: [{ day: '2028-01-01', kind: 'holiday' }] } });
    expect(outside.json().error).toMatchObject({ code: 'calendar_invalid', details: { problems: [{ code: 'bad_day' }] } });
    const both = await h().request({ method: 'PUT', url, cookie: admin.cookie, payload: { days: [{ day: '2027-05-01', kind: 'holiday' }, { day: '2027-05-01', kind: 'workday' }] } });
    expect(both.json().error.code).toBe('calendar_invalid');
    const replaced = await h().request({ method: 'PUT', url, cookie: admin.cookie, payload: { days: [{ day: '2027-05-01', kind: 'holiday', name: '劳动节' }] } });
    expect(replaced.json().days).toEqual([{ day: '2027-05-01', kind: 'holiday', name: '劳动节' }]);

    const roundTheClock = (await h().request({ method: 'POST', url: '/api/calendars', cookie: admin.cookie, payload: { name: unique('全天'), kind: '7x24' } })).json();
    const refused = await h().request({ method: 'PUT', url: `/api/calendars/${roundTheClock.id}/years/2027`, cookie: admin.cookie, payload: { days: [] } });
    expect(refused.json().error.code).toBe('calendar_invalid');
  });
});
