import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fonts every Weibao PDF is set in: Noto Sans Hans (Regular, Bold) from @embedpdf/fonts-sc,
 * embedded and subset by pdfkit, so a form reads the same on a machine without Chinese fonts.
 *
 * Coverage is GB2312 (Simplified Chinese) plus Latin: a rare or Traditional character outside it
 * prints as an empty box. The OTF covers Latin too, so both languages use it for everything.
 */
interface FontFiles {
  body: Buffer;
  bold: Buffer;
}

let loading: Promise<FontFiles> | null = null;

// The package's `exports` hide its folder; resolve its CommonJS entry (dist/index.cjs) and step
// over to the fonts beside it.
function fontDir(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(entry), '..', 'fonts');
}

/** Both OTF files, read once per process on first use (about 16 MB; a failed read is retried). */
export function loadFonts(): Promise<FontFiles> {
  loading ??= (async () => {
    const dir = fontDir();
    const [body, bold] = await Promise.all([
      readFile(path.join(dir, 'NotoSansHans-Regular.otf')),
      readFile(path.join(dir, 'NotoSansHans-Bold.otf')),
    ]);
    return { body, bold };
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Registers the fonts on a document as 'body' and 'bold' and selects 'body'. */
export async function registerFonts(doc: PDFKit.PDFDocument): Promise<void> {
  const { body, bold } = await loadFonts();
  doc.registerFont('body', body);
  doc.registerFont('bold', bold);
  doc.font('body');
}
