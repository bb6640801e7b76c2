import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Point {
  x: number;
  y: number;
  /** Line width in CSS pixels (a pen's pressure widens it). */
  w: number;
}

// The server takes at most ~200 kB of PNG (280,000 characters of data URL); a drawn signature is far
// smaller, but a very dense one on a 3× screen is exported again at 1× rather than refused.
const MAX_DATA_URL = 270_000;
const INK = '#10239e';

function widthOf(e: PointerEvent | React.PointerEvent): number {
  // a mouse reports 0.5 while a button is down; a finger 0 or 1 on most phones: both get the base width
  return e.pointerType === 'pen' && e.pressure > 0 ? 1.2 + e.pressure * 2.6 : 2.4;
}

function drawStroke(ctx: CanvasRenderingContext2D, stroke: Point[]): void {
  const first = stroke[0];
  if (!first) return;
  ctx.fillStyle = INK;
  ctx.strokeStyle = INK;
  if (stroke.length === 1) {
    ctx.beginPath();
    ctx.arc(first.x, first.y, first.w / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  // pointer events (with the coalesced ones) come dense enough that straight segments read as a line
  for (let i = 1; i < stroke.length; i++) {
    const a = stroke[i - 1]!;
    const b = stroke[i]!;
    ctx.beginPath();
    ctx.lineWidth = (a.w + b.w) / 2;
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
}

/** The drawing as a PNG data URL at the canvas's full resolution, or smaller when that is too large. */
function exportPng(canvas: HTMLCanvasElement): string {
  const full = canvas.toDataURL('image/png');
  if (full.length <= MAX_DATA_URL) return full;
  const ratio = canvas.width / canvas.clientWidth || 1;
  const small = document.createElement('canvas');
  small.width = Math.round(canvas.width / ratio);
  small.height = Math.round(canvas.height / ratio);
  small.getContext('2d')?.drawImage(canvas, 0, 0, small.width, small.height);
  return small.toDataURL('image/png');
}

/**
 * A signature drawn with a finger, a pen or a mouse (pointer events), sharp on high-DPI screens.
 * Reports the drawing as a PNG data URL after each stroke, and null once cleared. The strokes are
 * kept, so a rotated phone or a resized window redraws them instead of losing the signature.
 */
export function SignaturePad({
  onChange,
  disabled = false,
  height = 200,
  testId = 'signature-pad',
}: {
  onChange: (dataUrl: string | null) => void;
  disabled?: boolean;
  height?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const strokes = useRef<Point[][]>([]);
  const current = useRef<Point[] | null>(null);
  const [empty, setEmpty] = useState(true);
  // the latest callback, so the resize observer is not set up again on every render of the parent
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(window.devicePixelRatio || 1, 3);
    const width = canvas.clientWidth;
    if (width === 0) return;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes.current) drawStroke(ctx, s);
  }, [height]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    redraw();
    let lastWidth = canvas.clientWidth;
    const observer = new ResizeObserver(() => {
      if (canvas.clientWidth === lastWidth) return;
      lastWidth = canvas.clientWidth;
      redraw();
      if (strokes.current.length > 0) onChangeRef.current(exportPng(canvas));
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [redraw]);

  const pointOf = (e: PointerEvent | React.PointerEvent): Point => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top, w: widthOf(e) };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const stroke = [pointOf(e)];
    current.current = stroke;
    strokes.current.push(stroke);
    const ctx = e.currentTarget.getContext('2d');
    if (ctx) drawStroke(ctx, stroke);
    setEmpty(false);
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const stroke = current.current;
    if (!stroke) return;
    e.preventDefault();
    // a fast finger moves further than one event: the browser keeps the points in between
    const events = typeof e.nativeEvent.getCoalescedEvents === 'function' ? e.nativeEvent.getCoalescedEvents() : [];
    const points = events.length > 0 ? events.map(pointOf) : [pointOf(e)];
    const ctx = e.currentTarget.getContext('2d');
    const start = stroke.length - 1;
    stroke.push(...points);
    if (ctx) drawStroke(ctx, stroke.slice(start));
  };

  const onPointerEnd = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!current.current) return;
    current.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    onChangeRef.current(exportPng(e.currentTarget));
  };

  const clear = () => {
    strokes.current = [];
    current.current = null;
    redraw();
    setEmpty(true);
    onChangeRef.current(null);
  };

  return (
    <div>
      <div
        style={{
          position: 'relative',
          border: '1px dashed #8c8c8c',
          borderRadius: 8,
          background: disabled ? '#f5f5f5' : '#fff',
          overflow: 'hidden',
        }}
      >
        {/* guide line and hint: markup over the canvas, so neither ends up in the signature */}
        <div aria-hidden style={{ position: 'absolute', left: 24, right: 24, bottom: height * 0.28, borderBottom: '1px solid #d9d9d9', pointerEvents: 'none' }} />
        {empty && (
          <Typography.Text type="secondary" aria-hidden style={{ position: 'absolute', left: 0, right: 0, top: height * 0.3, textAlign: 'center', pointerEvents: 'none', userSelect: 'none' }}>
            {t('field.sign.padHint')}
          </Typography.Text>
        )}
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={t('field.sign.padLabel')}
          data-testid={testId}
          data-empty={empty ? '1' : '0'}
          style={{ display: 'block', width: '100%', height, touchAction: 'none', cursor: disabled ? 'not-allowed' : 'crosshair', position: 'relative' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onContextMenu={(e) => e.preventDefault()}
        />
      </div>
      <Flex justify="flex-end" style={{ marginTop: 6 }}>
        <Button size="small" icon={<ClearOutlined />} onClick={clear} disabled={disabled || empty} data-testid="signature-clear">
          {t('field.sign.clear')}
        </Button>
      </Flex>
    </div>
  );
}
