import type { Locale } from '../../http/messages.js';
import {
  COLOR, createPdf, drawHeader, drawHeading, drawSection, drawTable, ensureSpace, finishPdf, formatDateTime,
  tableHeight, type CustomCell, type Doc, type TableLine,
} from './layout.js';

/** Everything printed on a service form (服务表格, R9), already resolved to display text. */
export interface ServiceFormPdf {
  number: string;
  version: number;
  ticketNumber: string;
  customerName: string;
  siteName: string | null;
  siteAddress: string | null;
  asset: { serial: string; model: string; category: string } | null;
  engineers: string[];
  /** Epoch ms; null when not recorded. */
  times: { plannedAt: number | null; departedAt: number | null; arrivedAt: number | null; leftAt: number | null };
  serviceContent: string;
  workDone: string;
  result: string;
  partsUsed: string;
  signature: null | {
    signerName: string;
    signedAt: number;
    satisfaction: Satisfaction;
    comment: string;
    /** The drawn signature as PNG; null when only the name was taken. */
    imagePng: Buffer | null;
  };
  /** SHA-256 hex of the signed content, printed so a copy can be checked against the record. */
  contentHash: string | null;
  timeZone: string;
  providerName: string;
}

type Satisfaction = 'satisfied' | 'average' | 'dissatisfied';
const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'average', 'dissatisfied'];

const LABELS = {
  'zh-CN': {
    title: '服务表格', version: (v: number) => `第 ${v} 版`, ticket: (n: string) => `工单 ${n}`,
    customer: '客户', site: '服务地点', asset: '设备', serial: '序列号',
    modelAndCategory: (model: string, category: string) => `${model}（${category}）`, engineers: '服务工程师',
    plannedAt: '计划上门时间', departedAt: '出发时间', arrivedAt: '到达现场时间', leftAt: '离开现场时间',
    serviceContent: '服务内容', workDone: '实施情况', result: '服务实施结果', partsUsed: '使用备件',
    confirmation: '服务确认', satisfaction: '客户满意度', signer: '签字人', signedAt: '签字时间',
    comment: '客户意见', signatureImage: '客户签字', notSigned: '未签署', noDrawnSignature: '（无手写签名）',
    satisfactionWords: { satisfied: '满意', average: '一般', dissatisfied: '不满意' },
    hash: '内容摘要（SHA-256）：', generated: (at: string) => `生成时间 ${at}`,
    page: (n: number, total: number) => `第 ${n} / ${total} 页`, listSeparator: '、',
  },
  en: {
    title: 'Service form', version: (v: number) => `Version ${v}`, ticket: (n: string) => `Ticket ${n}`,
    customer: 'Customer', site: 'Site', asset: 'Device', serial: 'S/N',
    modelAndCategory: (model: string, category: string) => `${model} (${category})`, engineers: 'Engineers',
    plannedAt: 'Planned visit', departedAt: 'Departed', arrivedAt: 'Arrived on site', leftAt: 'Left site',
    serviceContent: 'Service content', workDone: 'Work done', result: 'Result', partsUsed: 'Parts used',
    confirmation: 'Service confirmation', satisfaction: 'Satisfaction', signer: 'Signed by', signedAt: 'Signed at',
    comment: 'Customer comment', signatureImage: 'Signature', notSigned: 'Not signed', noDrawnSignature: '(no drawn signature)',
    satisfactionWords: { satisfied: 'Satisfied', average: 'Average', dissatisfied: 'Dissatisfied' },
    hash: 'Content digest (SHA-256): ', generated: (at: string) => `Generated ${at}`,
    page: (n: number, total: number) => `Page ${n} of ${total}`, listSeparator: ', ',
  },
} as const;

type Labels = (typeof LABELS)[Locale];

const BOX = 10;
const SIGNATURE_BOX = { width: 200, height: 80 };

// ☑/☐ are not in the font (GB2312), so the boxes and the tick are vector paths.
function satisfactionCell(labels: Labels, chosen: Satisfaction | null): CustomCell {
  return {
    height: 14,
    draw(doc, x, y) {
      let cursor = x;
      for (const option of SATISFACTIONS) {
        const boxY = y + 1;
        doc.save().lineWidth(0.9).strokeColor(COLOR.text).rect(cursor, boxY, BOX, BOX).stroke();
        if (option === chosen) {
          doc.lineWidth(1.6).lineJoin('round').lineCap('round')
            .moveTo(cursor + 2, boxY + 5.2).lineTo(cursor + 4.2, boxY + 7.8).lineTo(cursor + 8.4, boxY + 2.2).stroke();
        }
        doc.restore();
        const word = labels.satisfactionWords[option];
        doc.font(option === chosen ? 'bold' : 'body').fontSize(10).fillColor(COLOR.text);
        doc.text(word, cursor + BOX + 5, y, { lineBreak: false });
        cursor += BOX + 5 + doc.widthOfString(word) + 28;
      }
      doc.font('body');
    },
  };
}

function signatureCell(labels: Labels, signature: ServiceFormPdf['signature']): CustomCell {
  const imagePng = signature?.imagePng ?? null;
  // Signed by name only: say so rather than leave the box looking unsigned.
  const placeholder = signature ? labels.noDrawnSignature : labels.notSigned;
  return {
    height: SIGNATURE_BOX.height,
    draw(doc, x, y) {
      doc.save().lineWidth(0.6).strokeColor(COLOR.rule).dash(3, { space: 2 })
        .rect(x, y, SIGNATURE_BOX.width, SIGNATURE_BOX.height).stroke().restore();
      if (imagePng) {
        doc.image(imagePng, x + 4, y + 4, {
          fit: [SIGNATURE_BOX.width - 8, SIGNATURE_BOX.height - 8], align: 'center', valign: 'center',
        });
      } else {
        doc.font('body').fontSize(10).fillColor(COLOR.muted)
          .text(placeholder, x, y + SIGNATURE_BOX.height / 2 - 6, { width: SIGNATURE_BOX.width, align: 'center' });
        doc.fillColor(COLOR.text);
      }
    },
  };
}

function assetText(asset: ServiceFormPdf['asset'], labels: Labels): string {
  return asset ? `${labels.modelAndCategory(asset.model, asset.category)}  ${labels.serial} ${asset.serial}` : '—';
}

function drawConfirmation(doc: Doc, form: ServiceFormPdf, labels: Labels): void {
  const signature = form.signature;
  const rows: TableLine[] = [
    { label: labels.satisfaction, value: satisfactionCell(labels, signature?.satisfaction ?? null) },
    { label: labels.signer, value: signature?.signerName ?? '' },
    { label: labels.signedAt, value: signature ? formatDateTime(signature.signedAt, form.timeZone) : '' },
    { label: labels.comment, value: signature ? signature.comment.trim() || '—' : '' },
    { label: labels.signatureImage, value: signatureCell(labels, signature) },
  ];
  // The confirmation is signed as a whole; never split it over two pages.
  const hashHeight = form.contentHash ? 9 : 0;
  drawHeading(doc, labels.confirmation, tableHeight(doc, rows) + hashHeight);
  drawTable(doc, rows);
  if (form.contentHash) {
    doc.y -= 6;
    ensureSpace(doc, hashHeight);
    doc.font('body').fontSize(7).fillColor(COLOR.muted)
      .text(`${labels.hash}${form.contentHash}`, doc.page.margins.left, doc.y, { lineBreak: false });
  }
}

/** Renders a service form (服务表格) as an A4 PDF in the given language. */
export async function renderServiceFormPdf(form: ServiceFormPdf, locale: Locale, now: number = Date.now()): Promise<Buffer> {
  const labels = LABELS[locale];
  const at = (ms: number | null) => formatDateTime(ms, form.timeZone);
  const doc = await createPdf(`${labels.title} ${form.number}`);
  drawHeader(doc, {
    provider: form.providerName,
    title: labels.title,
    meta: [form.number, labels.version(form.version), labels.ticket(form.ticketNumber)],
  });
  const site = [form.siteName, form.siteAddress].filter((s): s is string => Boolean(s?.trim())).join('\n') || '—';
  drawTable(doc, [
    { label: labels.customer, value: form.customerName },
    { label: labels.site, value: site },
    { label: labels.asset, value: assetText(form.asset, labels) },
    { label: labels.engineers, value: form.engineers.join(labels.listSeparator) || '—' },
    [{ label: labels.plannedAt, value: at(form.times.plannedAt) }, { label: labels.departedAt, value: at(form.times.departedAt) }],
    [{ label: labels.arrivedAt, value: at(form.times.arrivedAt) }, { label: labels.leftAt, value: at(form.times.leftAt) }],
  ]);
  drawSection(doc, labels.serviceContent, form.serviceContent);
  drawSection(doc, labels.workDone, form.workDone);
  drawSection(doc, labels.result, form.result);
  drawSection(doc, labels.partsUsed, form.partsUsed);
  drawConfirmation(doc, form, labels);
  return finishPdf(doc, {
    left: `${form.number} · ${labels.generated(at(now))}`,
    page: labels.page,
  });
}
