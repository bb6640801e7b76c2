import { describe, expect, it } from 'vitest';
import { contentDisposition, displayName } from './file-name.js';
import { detectType, isPreviewable, OOXML_TYPES } from './file-type.js';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const type = (data: Buffer) => {
  const d = detectType(data);
  return d.ok ? d.contentType : `refused:${d.reason}`;
};

describe('detectType', () => {
  it('recognises images, PDF and archives by their magic bytes', () => {
    expect(type(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
    expect(type(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(type(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(type(bytes('GIF87a'))).toBe('image/gif');
    expect(type(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(type(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(type(bytes([0x1f, 0x8b, 0x08, 0]))).toBe('application/gzip');
    expect(type(bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toBe('application/x-7z-compressed');
  });

  it('tells Office documents from other ZIP archives by their entry names', () => {
    const zip = (...names: string[]) => bytes([0x50, 0x4b, 0x03, 0x04], ...names.map((n) => `\0\0${n}\0\0`));
    expect(type(zip('[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'))).toBe(OOXML_TYPES.xlsx);
    expect(type(zip('[Content_Types].xml', 'word/document.xml'))).toBe(OOXML_TYPES.docx);
    expect(type(zip('[Content_Types].xml', 'ppt/presentation.xml'))).toBe(OOXML_TYPES.pptx);
    expect(type(zip('logs/messages.txt', 'xl/workbook.xml'))).toBe('application/zip');
    expect(type(bytes([0x50, 0x4b, 0x05, 0x06], [0, 0, 0, 0]))).toBe('application/zip');
  });

  it('refuses HTML, SVG and XML whatever comes before the first tag', () => {
    for (const text of ['<!doctype html><html>', '<html><body>', '  \r\n\t<script>alert(1)</script>', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '<?xml version="1.0"?><root/>', '<iframe src=x>']) {
      expect(type(bytes(text)), text).toBe('refused:markup');
    }
    expect(type(bytes([0xef, 0xbb, 0xbf], ' <html>'))).toBe('refused:markup');
    expect(type(Buffer.from('\ufeff <html>', 'utf16le'))).toBe('refused:markup');
    expect(type(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<svg>', 'utf16le').swap16()]))).toBe('refused:markup');
  });

  it('takes valid UTF-8 without NUL bytes as text, anything else as octet-stream', () => {
    expect(type(bytes('2026-11-24 10:31:02 ERROR 存储控制器 B 离线\n'))).toBe('text/plain');
    expect(type(bytes('a <b> in the middle is text'))).toBe('text/plain');
    expect(type(bytes([0xef, 0xbb, 0xbf], 'BOM then text'))).toBe('text/plain');
    expect(type(bytes('text', [0], 'with a NUL'))).toBe('application/octet-stream');
    expect(type(bytes([0xc3, 0x28]))).toBe('application/octet-stream');
    expect(type(bytes([0x4d, 0x5a, 0x90, 0]))).toBe('application/octet-stream');
  });

  it('previews images and PDF only', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'].every(isPreviewable)).toBe(true);
    expect(['text/plain', 'application/zip', 'application/octet-stream', 'image/svg+xml'].some(isPreviewable)).toBe(false);
  });
});

describe('file names', () => {
  it('keeps the last path segment and drops control and bidi-override characters', () => {
    expect(displayName('C:\\Users\\xu\\Desktop\\故障 截图.png')).toBe('故障 截图.png');
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('report\u202Egpj.exe')).toBe('reportgpj.exe');
    expect(displayName('a\r\nb\t c.txt')).toBe('a b c.txt');
    expect(displayName('..hidden')).toBe('hidden');
    expect(displayName(' / ')).toBe('attachment');
  });

  it('shortens long names and keeps the extension', () => {
    const name = displayName(`${'日'.repeat(300)}.xlsx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('日.xlsx')).toBe(true);
  });

  it('writes a Content-Disposition no name can break out of', () => {
    expect(contentDisposition('inline', 'a.png')).toBe(`inline; filename="a.png"; filename*=UTF-8''a.png`);
    expect(contentDisposition('attachment', '日志 "x";(1).txt')).toBe(`attachment; filename="__ _x__(1).txt"; filename*=UTF-8''%E6%97%A5%E5%BF%97%20%22x%22%3B%281%29.txt`);
  });
});
