import { describe, expect, it } from 'vitest';
import { draftReport, type DraftSources } from './fault-report.draft.js';

const MIN = 60_000;
// 2026-11-24 09:00 in Shanghai.
const T0 = Date.UTC(2026, 10, 24, 1, 0);

function sources(extra: Partial<DraftSources> = {}): DraftSources {
  return {
    ticket: { title: '核心交换机端口闪断', customerName: '武汉市中心医院', assetSerial: 'SN2102351', assetModel: 'CE6881', grade: 'major', createdAt: T0 },
    restoredAt: T0 + 125 * MIN,
    events: [
      { at: T0, type: 'created', body: '', data: {} },
      { at: T0 + 10 * MIN, type: 'status', body: '', data: { from: 'new', to: 'remote_diagnosis', reopened: false } },
      { at: T0 + 20 * MIN, type: 'call', body: '', data: { startedAt: T0 + 15 * MIN, durationSec: 300, summary: '与徐工确认告警' } },
      { at: T0 + 40 * MIN, type: 'status', body: '光模块老化,需更换', data: { from: 'remote_diagnosis', to: 'solution_proposed', reopened: false } },
    ],
    remoteSessions: [{ method: 'remote_login', started_at: T0 + 12 * MIN, ended_at: T0 + 35 * MIN, findings: 'CRC 错误持续增长', actions: '隔离端口 10GE1/0/3', result: '闪断停止' }],
    visits: [{ number: 'GZ-1-D1', arrived_at: T0 + 90 * MIN, left_at: T0 + 140 * MIN, notes: '', parts_used: '光模块 ×1', logs: ['更换光模块', '观察 15 分钟无告警'] }],
    resolution: { method: 'part_replaced', details: '更换 10GE 光模块', root_cause: '光模块老化导致链路误码', version_before: '', version_after: '', restored_at: T0 + 125 * MIN },
    ...extra,
  };
}

describe('drafting a fault analysis report', () => {
  it('puts every step on one line in time order, whatever table it came from', () => {
    const { timeline } = draftReport(sources(), 'zh-CN', 'Asia/Shanghai');
    expect(timeline.split('\n')).toEqual([
      '2026-11-24 09:00  报障:核心交换机端口闪断',
      '2026-11-24 09:10  状态变为「远程诊断」',
      '2026-11-24 09:12  远程诊断(远程登录):发现:CRC 错误持续增长',
      '2026-11-24 09:15  电话沟通(5 分钟):与徐工确认告警',
      '2026-11-24 09:35  远程诊断结束:结果:闪断停止',
      '2026-11-24 09:40  状态变为「已提出解决方案」:光模块老化,需更换',
      '2026-11-24 10:30  工程师到达现场(GZ-1-D1)',
      '2026-11-24 11:05  服务恢复(更换部件)',
      '2026-11-24 11:20  工程师离开现场(GZ-1-D1)',
    ]);
  });

  it('summarises the fault and takes cause and handling from the resolution, the remote work and the visits', () => {
    const draft = draftReport(sources(), 'en', 'Asia/Shanghai');
    expect(draft.summary.split('\n')).toEqual([
      'Fault: 核心交换机端口闪断',
      'Customer: 武汉市中心医院',
      'Device: CE6881 S/N SN2102351',
      'Grade: Major fault',
      'Reported: 2026-11-24 09:00',
      'Restored: 2026-11-24 11:05 (after 2 h 5 min)',
    ]);
    expect(draft.cause).toBe('光模块老化导致链路误码');
    expect(draft.handling.split('\n')).toEqual([
      'Part replaced: 更换 10GE 光模块',
      'Remote diagnosis (remote login): 隔离端口 10GE1/0/3; Result: 闪断停止',
      'Visit GZ-1-D1: 更换光模块; 观察 15 分钟无告警; Parts used: 光模块 ×1',
    ]);
    expect(draft.prevention).toBe('');
  });

  it('says when service is not restored yet and leaves out what was not recorded', () => {
    const draft = draftReport(sources({ restoredAt: null, resolution: null, remoteSessions: [], visits: [], ticket: { ...sources().ticket, assetSerial: null, grade: null } }), 'zh-CN', 'Asia/Shanghai');
    expect(draft.summary).toBe('故障:核心交换机端口闪断\n客户:武汉市中心医院\n报告时间:2026-11-24 09:00\n恢复时间:尚未恢复');
    expect(draft.cause).toBe('');
    expect(draft.handling).toBe('');
  });
});
