import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts.js';

/** The building blocks both printed documents share: A4, one font family, one table style. */
export type Doc = PDFKit.PDFDocument;

export const COLOR = { text: '#1f2329', muted: '#6b7280', rule: '#b9c0ca', labelFill: '#f2f4f7', accent: '#1f3a5f' };
const MARGIN = 50;
const FOOTER_ROOM = 60;
const LABEL_WIDTH = 118;
const PAD_X = 7;
const PAD_Y = 4;

/** A cell drawn by the caller (tick boxes, a signature) of a fixed height. */
export interface CustomCell {
  height: number;
  draw(doc: Doc, x: number, y: number, width: number): void;
}

export interface TableRow {
  label: string;
  value: string | CustomCell;
}

/** A new A4 document with the fonts registered; pages are buffered so the footer can count them. */
export async function createPdf(title: string): Promise<Doc> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: FOOTER_ROOM },
    bufferPages: true,
    info: { Title: title, Producer: 'Weibao', Creator: 'Weibao' },
  });
  await registerFonts(doc);
  doc.fillColor(COLOR.text).strokeColor(COLOR.rule).lineWidth(0.6);
  return doc;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page when less than `height` points are left above the footer. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.x = doc.page.margins.left;
}

/** Provider line, the document's title, and its number lines right-aligned beside it. */
export function drawHeader(doc: Doc, header: { provider: string; title: string; meta: string[] }): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const top = doc.page.margins.top;
  doc.font('body').fontSize(9).fillColor(COLOR.muted).text(header.provider, left, top, { width: width / 2, lineBreak: false });
  doc.font('bold').fontSize(20).fillColor(COLOR.accent).text(header.title, left, top + 15, { width: width / 2 });
  let y = top + 2;
  for (const [i, line] of header.meta.entries()) {
    doc.font(i === 0 ? 'bold' : 'body').fontSize(i === 0 ? 11 : 9.5).fillColor(i === 0 ? COLOR.text : COLOR.muted);
    doc.text(line, left + width / 2, y, { width: width / 2, align: 'right' });
    y = doc.y + 2;
  }
  const ruleY = Math.max(doc.y, top + 44) + 6;
  doc.save().lineWidth(1.6).strokeColor(COLOR.accent).moveTo(left, ruleY).lineTo(left + width, ruleY).stroke().restore();
  doc.x = left;
  doc.y = ruleY + 12;
  doc.font('body').fontSize(10).fillColor(COLOR.text);
}

/** A section heading with a short accent bar, kept on one page with the next `keepWith` points. */
export function drawHeading(doc: Doc, text: string, keepWith = 32): void {
  ensureSpace(doc, 28 + keepWith);
  const left = doc.page.margins.left;
  const y = doc.y + 6;
  doc.save().rect(left, y + 2, 3, 12).fill(COLOR.accent).restore();
  doc.font('bold').fontSize(11.5).fillColor(COLOR.accent).text(text, left + 9, y, { width: contentWidth(doc) - 9 });
  doc.x = left;
  doc.y += 5;
  doc.font('body').fontSize(10).fillColor(COLOR.text);
}

/** A heading and its free text, which flows over pages; `—` stands for nothing written. */
export function drawSection(doc: Doc, heading: string, body: string): void {
  drawHeading(doc, heading);
  const text = body.trim() || '—';
  doc.font('body').fontSize(10).fillColor(COLOR.text).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), lineGap: 3 });
  doc.y += 8;
}

/** A table line: one label/value pair across the page, or two side by side (short values). */
export type TableLine = TableRow | readonly [TableRow, TableRow];

function cellHeight(doc: Doc, row: TableRow, valueWidth: number): number {
  doc.font('bold').fontSize(9.5);
  const labelHeight = doc.heightOfString(row.label, { width: LABEL_WIDTH - 2 * PAD_X });
  doc.font('body').fontSize(10);
  const valueHeight = typeof row.value === 'string'
    ? doc.heightOfString(row.value || ' ', { width: valueWidth, lineGap: 2 })
    : row.value.height;
  return Math.max(labelHeight, valueHeight, 12) + 2 * PAD_Y;
}

function drawCell(doc: Doc, row: TableRow, x: number, y: number, width: number, height: number): void {
  doc.save().rect(x, y, LABEL_WIDTH, height).fill(COLOR.labelFill).restore();
  doc.save().strokeColor(COLOR.rule).lineWidth(0.6).rect(x, y, width, height)
    .moveTo(x + LABEL_WIDTH, y).lineTo(x + LABEL_WIDTH, y + height).stroke().restore();
  doc.font('bold').fontSize(9.5).fillColor(COLOR.muted).text(row.label, x + PAD_X, y + PAD_Y + 0.5, { width: LABEL_WIDTH - 2 * PAD_X });
  doc.font('body').fontSize(10).fillColor(COLOR.text);
  const valueX = x + LABEL_WIDTH + PAD_X;
  const valueWidth = width - LABEL_WIDTH - 2 * PAD_X;
  if (typeof row.value === 'string') doc.text(row.value, valueX, y + PAD_Y, { width: valueWidth, lineGap: 2 });
  else row.value.draw(doc, valueX, y + PAD_Y, valueWidth);
}

/** The height `drawTable` will take, to keep a block together. */
export function tableHeight(doc: Doc, lines: TableLine[]): number {
  const width = contentWidth(doc);
  let total = 0;
  for (const line of lines) {
    const cells = 'label' in line ? [line] : line;
    const valueWidth = width / cells.length - LABEL_WIDTH - 2 * PAD_X;
    total += Math.max(...cells.map((cell) => cellHeight(doc, cell, valueWidth)));
  }
  return total;
}

/** Label/value rows in a ruled table; values wrap, and a row never splits over pages. */
export function drawTable(doc: Doc, lines: TableLine[]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  for (const line of lines) {
    const cells = 'label' in line ? [line] : line;
    const cellWidth = width / cells.length;
    const height = tableHeight(doc, [line]);
    ensureSpace(doc, height);
    const y = doc.y;
    cells.forEach((cell, i) => drawCell(doc, cell, left + i * cellWidth, y, cellWidth, height));
    doc.x = left;
    doc.y = y + height;
  }
  doc.y += 10;
}

/** Stamps every page with a rule, `left` (number, generated-at) and "page x/y"; then the bytes. */
export function finishPdf(doc: Doc, footer: { left: string; page: (n: number, total: number) => string }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const y = doc.page.height - FOOTER_ROOM + 22;
    // Text below the bottom margin would make pdfkit open a new page; lift the margin meanwhile.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save().strokeColor(COLOR.rule).lineWidth(0.5).moveTo(left, y - 6).lineTo(left + width, y - 6).stroke().restore();
    doc.font('body').fontSize(8).fillColor(COLOR.muted);
    doc.text(footer.left, left, y, { width: width * 0.75, lineBreak: false });
    doc.text(footer.page(i - start + 1, count), left + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as 'YYYY-MM-DD HH:mm' in a time zone; '—' for none. */
export function formatDateTime(epochMs: number | null, timeZone: string): string {
  if (epochMs === null) return '—';
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
