import { createHash } from 'node:crypto';

/** A ticket-like document: CJK and Latin text, numbers, a nested list. */
const DOCUMENT = {
  kind: 'fault',
  grade: 'major',
  title: '门诊楼 3 号机房存储阵列 RAID 降级,两块硬盘告警',
  description: '值班人员来电:存储控制器报 RAID 5 降级,业务响应变慢,HIS 系统查询超时。已重启管理口,告警未消除。',
  caller: { name: '值班人员', phone: '02768890001' },
  clocks: [
    { kind: 'response', minutes: 30 },
    { kind: 'solution', minutes: 60 },
    { kind: 'on_site', minutes: 120 },
    { kind: 'restore', minutes: 840 },
  ],
  n: 0,
};

const ROUNDS = 5;
const ITERATIONS = 10_000;

/**
 * Milliseconds a fixed piece of work takes on this machine now: JSON in and out and a SHA-256 of
 * a ticket-like document, some of what a request costs (median of 5 rounds; lower is faster).
 * Benchmark figures from different machines, or from one virtual machine at different moments,
 * can be compared by it.
 */
export function cpuReferenceMs(): number {
  const times: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < ITERATIONS; i++) {
      DOCUMENT.n = i;
      const text = JSON.stringify(DOCUMENT);
      const back = JSON.parse(text) as { n: number };
      sink += back.n + (createHash('sha256').update(text).digest()[0] ?? 0);
    }
    times.push(performance.now() - start);
  }
  // The sum is used, so the loop cannot be optimised away.
  if (sink < 0) throw new Error('unreachable');
  times.sort((a, b) => a - b);
  return times[Math.floor(ROUNDS / 2)]!;
}
