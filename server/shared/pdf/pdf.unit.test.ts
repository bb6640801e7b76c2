import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderFaultReportPdf, type FaultReportPdf } from './fault-report.pdf.js';
import { formatDateTime } from './layout.js';
import { renderServiceFormPdf, type ServiceFormPdf } from './service-form.pdf.js';

// The PDFs are read back with poppler-utils; without it the checks are skipped, except under
// CI=true, where a missing tool fails the run (.ci/run installs it).
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
const screenshots = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weibao-pdf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const HASH = '9f2c4e7a1b3d5f60718293a4b5c6d7e8f9012345a6b7c8d9e0f1a2b3c4d5e6f7';

/** A 240×90 RGBA PNG with a handwritten-looking stroke on a transparent background. */
function signaturePng(width = 240, height = 90): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height); // each row: filter byte 0, then RGBA
  for (let x = 14; x < width - 14; x += 0.2) {
    const y = height / 2 + Math.sin(x / 9) * 22 * Math.cos(x / 61) + (x - width / 2) / 12;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) raw.set([20, 40, 110, 255], Math.round(y + dy) * (width * 4 + 1) + 1 + Math.round(x + dx) * 4);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const frame = Buffer.alloc(8 + body.length);
    frame.writeUInt32BE(data.length, 0);
    body.copy(frame, 4);
    frame.writeUInt32BE(zlib.crc32(body), 4 + body.length);
    return frame;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6], 8); // 8 bits per channel, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const signedForm: ServiceFormPdf = {
  number: 'FW-20261124-0003',
  version: 2,
  ticketNumber: 'GZ-20261124-0007',
  customerName: '华东电力设计院有限公司',
  siteName: '上海数据中心 3 号机房',
  siteAddress: '上海市浦东新区张江路 88 号',
  asset: { serial: '2102351NQW10K8000123', model: 'OceanStor 5300 V5', category: '存储' },
  engineers: ['王建国', '李明'],
  times: { plannedAt: at('2026-11-24T09:00'), departedAt: at('2026-11-24T08:25'), arrivedAt: at('2026-11-24T09:10'), leftAt: at('2026-11-24T11:40') },
  serviceContent: '存储控制器 B 报硬盘告警，按合同约定上门检查并更换故障硬盘。',
  workDone: '1. 收集阵列日志，确认 7 号盘出现介质错误；\n2. 使用现场备件更换硬盘，RAID 重构完成；\n3. 检查其余硬盘与控制器状态，均正常。',
  result: '系统恢复正常运行，告警已清除，业务未中断。',
  partsUsed: '1.2TB SAS 硬盘 × 1（备件编号 SP-0042，故障件返厂维修）',
  signature: { signerName: '张伟', signedAt: at('2026-11-24T11:35'), satisfaction: 'satisfied', comment: '处理及时，工程师讲解清楚。', imagePng: signaturePng() },
  contentHash: HASH,
  timeZone: 'Asia/Shanghai',
  providerName: 'Weibao 维保',
};

const report: FaultReportPdf = {
  ticketNumber: 'GZ-20261124-0007',
  title: '存储阵列硬盘故障导致性能下降',
  customerName: '华东电力设计院有限公司',
  asset: { serial: '2102351NQW10K8000123', model: 'OceanStor 5300 V5' },
  grade: 'major',
  reportedAt: at('2026-11-24T07:50'),
  restoredAt: at('2026-11-24T11:20'),
  summary: '11 月 24 日早间存储阵列 7 号盘介质故障，RAID 降级导致业务系统响应变慢，更换硬盘后恢复。',
  timeline: '07:50 客户来电报障；08:05 远程登录确认 7 号盘告警；08:25 工程师携备件出发；09:10 到达现场；11:20 重构完成，业务恢复。',
  cause: '7 号盘使用超过 5 年，介质老化出现不可恢复的读错误，阵列随之降级。',
  handling: '使用现场备件更换故障硬盘，完成 RAID 重构并检查其余硬盘的 SMART 状态。',
  prevention: '对同批次硬盘做健康巡检，对运行超过 5 年的硬盘列入更换计划；开启阵列告警邮件通知。',
  approvedBy: '陈经理',
  approvedAt: at('2026-11-25T10:00'),
  timeZone: 'Asia/Shanghai',
  providerName: 'Weibao 维保',
};

function save(name: string, pdf: Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, pdf);
  return file;
}

// pdftotext drops the spaces pdfkit sets between CJK and Latin text; compare without whitespace.
const squash = (text: string) => text.replace(/\s+/g, '');
const textOf = (file: string) => squash(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));

function expectText(text: string, expected: string[]): void {
  for (const part of expected) expect(text).toContain(squash(part));
}

/** Dark pixels inside the tick box left of each satisfaction word (box 15–5 pt before the word). */
function tickInk(file: string, words: string[]): number[] {
  const pages = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).split('<page ').slice(1);
  for (const [index, page] of pages.entries()) {
    const found = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x: Number(m[1]), y: (Number(m[2]) + Number(m[3])) / 2, text: m[4] }));
    const last = found.find((w) => w.text === words.at(-1));
    if (!last) continue;
    return words.map((text) => {
      const word = found.find((w) => w.text === text && Math.abs(w.y - last.y) < 1)!;
      const scale = 4; // render at 288 dpi and look at the box's inside only, away from its border
      const pgm = execFileSync('pdftoppm', [
        '-r', String(72 * scale), '-gray', '-singlefile', '-f', String(index + 1), '-l', String(index + 1),
        '-x', String(Math.round((word.x - 13) * scale)), '-y', String(Math.round((word.y - 3) * scale)),
        '-W', String(6 * scale), '-H', String(6 * scale), file,
      ]);
      const pixels = pgm.subarray(pgm.length - 36 * scale * scale);
      return pixels.filter((value) => value < 128).length;
    });
  }
  throw new Error(`no line with ${words.join(' ')}`);
}

describe('formatDateTime', () => {
  it('writes an instant as YYYY-MM-DD HH:mm in the given zone, and a dash for none', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 23, 16, 5), 'Asia/Shanghai')).toBe('2026-11-24 00:05');
    expect(formatDateTime(Date.UTC(2026, 10, 23, 16, 5), 'UTC')).toBe('2026-11-23 16:05');
    expect(formatDateTime(null, 'UTC')).toBe('—');
  });
});

describe.skipIf(!hasPoppler && process.env.CI !== 'true')('PDF documents (read back with poppler-utils)', () => {
  it('has poppler-utils to read them with', () => {
    expect(hasPoppler, 'pdftotext is not on PATH: apt-get install poppler-utils').toBe(true);
  });

  it('renders a signed Chinese service form with its content, the digest and the font embedded', async () => {
    const file = save('form-zh.pdf', await renderServiceFormPdf(signedForm, 'zh-CN'));
    const text = textOf(file);
    expectText(text, [
      '服务表格', 'FW-20261124-0003', '第 2 版', 'GZ-20261124-0007', '华东电力设计院有限公司', '上海市浦东新区张江路 88 号',
      '王建国、李明', '2026-11-24 09:10', '2026-11-24 11:40', '确认 7 号盘出现介质错误', '业务未中断', 'SP-0042',
      '服务确认', '客户满意度 满意 一般 不满意', '张伟', '2026-11-24 11:35', '工程师讲解清楚', HASH, '第 1 / 1 页',
    ]);
    expect(text).not.toContain('未签署');

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    // name, type, encoding, then emb / sub / uni: every font embedded and subset.
    for (const line of fonts) expect(line).toMatch(/NotoSansHans.*\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  });

  it('ticks only the chosen satisfaction box, and none on an unsigned form', async () => {
    const signed = save('ticked.pdf', await renderServiceFormPdf({ ...signedForm, signature: { ...signedForm.signature!, satisfaction: 'average' } }, 'zh-CN'));
    const [satisfied, average, dissatisfied] = tickInk(signed, ['满意', '一般', '不满意']);
    expect(average).toBeGreaterThan(10);
    expect([satisfied, dissatisfied]).toEqual([0, 0]);

    const unsigned = save('unsigned.pdf', await renderServiceFormPdf({ ...signedForm, signature: null, contentHash: null }, 'zh-CN'));
    expect(tickInk(unsigned, ['满意', '一般', '不满意'])).toEqual([0, 0, 0]);
    const text = textOf(unsigned);
    expect(text).toContain('未签署');
    expect(text).not.toContain('SHA-256');
  });

  it('renders the service form in English, Chinese content still legible', async () => {
    const file = save('form-en.pdf', await renderServiceFormPdf(signedForm, 'en'));
    const text = textOf(file);
    expectText(text, ['Service form', 'Version 2', 'Ticket GZ-20261124-0007', 'Service confirmation', 'Satisfied Average Dissatisfied', '华东电力设计院有限公司', 'Page 1 of 1']);
    expect(tickInk(file, ['Satisfied', 'Average', 'Dissatisfied'])[0]).toBeGreaterThan(10);
  });

  it('renders the fault analysis report with its facts and five sections in both languages', async () => {
    const zh = textOf(save('report-zh.pdf', await renderFaultReportPdf(report, 'zh-CN')));
    expectText(zh, ['故障分析说明', '工单 GZ-20261124-0007', '重大故障', '2026-11-24 07:50', '3 小时 30 分钟', '摘要', '经过', '原因', '处理', '预防措施', '介质老化', '审核：陈经理']);
    const en = textOf(save('report-en.pdf', await renderFaultReportPdf({ ...report, approvedBy: null, approvedAt: null, restoredAt: null }, 'en')));
    expectText(en, ['Fault analysis report', 'Major fault', 'Not restored yet', 'Summary', 'Timeline', 'Root cause', 'Handling', 'Prevention', 'Not approved yet']);
  });

  it('saves the first pages as the screenshots the README shows', async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    const generatedAt = at('2026-11-25T10:30'); // a fixed footer, so the images change only with the layout
    const shots = [
      { name: 'service-form-pdf', file: save('shot-form.pdf', await renderServiceFormPdf(signedForm, 'zh-CN', generatedAt)) },
      { name: 'fault-report-pdf', file: save('shot-report.pdf', await renderFaultReportPdf(report, 'zh-CN', generatedAt)) },
    ];
    for (const { name, file } of shots) {
      execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', '1', '-l', '1', file, path.join(screenshots, name)]);
      expect(fs.statSync(path.join(screenshots, `${name}.png`)).size).toBeGreaterThan(10 * 1024);
    }
  });
});
