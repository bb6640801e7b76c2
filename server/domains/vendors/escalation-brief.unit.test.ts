import { describe, expect, it } from 'vitest';
import { briefTime, composeBrief, type BriefFacts } from './escalation-brief.js';

const AT = Date.UTC(2026, 10, 24, 2, 0); // 10:00 in Shanghai

const facts: BriefFacts = {
  ticket: { number: 'GZ-20261124-0007', title: '核心存储宕机', grade: 'emergency', description: '机房漏水后\n存储控制器无法开机', debugInfo: '', createdAt: AT },
  customer: { name: '武汉某银行', address: '武汉市江岸区', phone: '027-1000' },
  site: null,
  caller: { name: '', phone: '' },
  asset: null,
  actions: [
    { at: AT + 20 * 60_000, who: '李工', kind: 'call', callerName: '徐明', minutes: 3, body: '确认机房已断电' },
    { at: AT + 10 * 60_000, who: '张工', kind: 'reply', body: '工程师已出发' },
    { at: AT + 30 * 60_000, who: '张工', kind: 'escalation', action: 'opened', vendorName: 'Huawei', caseNumber: '123' },
    { at: AT + 40 * 60_000, who: '张工', kind: 'status', from: 'on_site', to: 'escalated', body: '' },
    { at: AT + 50 * 60_000, who: '张工', kind: 'note', body: 'x'.repeat(600) },
  ],
};

describe('escalation brief', () => {
  it('writes times in China Standard Time', () => {
    expect(briefTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01 00:30');
  });

  it('lists the actions one a line in time order and falls back where facts are missing', () => {
    const text = composeBrief(facts, 'en');
    expect(text).toBe(
      [
        'Fault escalation GZ-20261124-0007',
        'Reported: 2026-11-24 10:00',
        '',
        '[Customer]',
        'Customer: 武汉某银行',
        'Site: 武汉市江岸区',
        'Contact: 027-1000',
        '',
        '[Device]',
        'Device: no device recorded',
        '',
        '[Fault]',
        'Fault: 核心存储宕机',
        'Grade: Emergency / disaster',
        'Description:',
        '机房漏水后\n存储控制器无法开机',
        '',
        '[Actions taken and results]',
        '2026-11-24 10:10 张工 Reply to customer: 工程师已出发',
        '2026-11-24 10:20 李工 Call (徐明, 3 min): 确认机房已断电',
        '2026-11-24 10:30 张工 Escalated to Huawei (case 123)',
        '2026-11-24 10:40 张工 Status: On site → Escalated to vendor',
        `2026-11-24 10:50 张工 Note: ${'x'.repeat(499)}…`,
      ].join('\n'),
    );
  });

  it('says so when nothing has been done yet, in Chinese', () => {
    const text = composeBrief({ ...facts, actions: [] }, 'zh-CN');
    expect(text).toContain('等级:重大灾害或特殊情况');
    expect(text.endsWith('【已执行的操作和结果】\n(暂无记录)')).toBe(true);
  });
});
