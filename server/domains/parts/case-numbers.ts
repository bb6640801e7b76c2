import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/database.js';
import { dayIn } from '../../shared/dates.js';
import { nextCounter } from './rma.repository.js';

/** Numbers and days of the spare-parts cases (RMA, loans): numbered by the day in the display zone. */

/** Today in the display zone (TZ_DISPLAY), as YYYY-MM-DD. */
export function today(deps: Deps): string {
  return dayIn(deps.clock.now(), deps.config.timeZone);
}

/** The next case number of the day for a prefix: RMA-20261124-0003, JY-20261124-0001. */
export async function nextCaseNumber(trx: Executor, deps: Deps, prefix: 'RMA' | 'JY'): Promise<string> {
  const key = `${prefix}-${today(deps).replace(/-/g, '')}`;
  return `${key}-${String(await nextCounter(trx, key)).padStart(4, '0')}`;
}

/** Whether something due back on `expected` (a day) is late on `day`: the whole expected day counts. */
export function isOverdue(expected: string | null, day: string): boolean {
  return expected !== null && expected < day;
}
