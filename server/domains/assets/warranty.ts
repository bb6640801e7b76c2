import { daysBetween, latestDay } from '../../shared/dates.js';

export type WarrantyState = 'in_warranty' | 'expired' | 'not_covered';

export interface CoverageInput {
  /** The device's own warranty end (保修卡), if recorded. */
  assetWarrantyEnd: string | null;
  /** The contract covering the device, if any. */
  contract: { warrantyEnd: string | null; serviceEnd: string } | null;
}

/** The day cover ends: the later of the device's warranty and its contract's warranty and service ends. */
export function coverageEnd(input: CoverageInput): string | null {
  return latestDay(input.assetWarrantyEnd, input.contract?.warrantyEnd, input.contract?.serviceEnd);
}

export interface Warranty {
  state: WarrantyState;
  /** Last covered day, inclusive. */
  endsOn: string | null;
  /** Days from today to the last covered day (0 on the last day); negative once expired. */
  daysLeft: number | null;
}

/**
 * The entitlement a hotline agent needs for a fault (R5): in warranty through the last covered
 * day inclusive, expired after it, not covered when no warranty or contract is known.
 */
export function warrantyOn(endsOn: string | null, today: string): Warranty {
  if (!endsOn) return { state: 'not_covered', endsOn: null, daysLeft: null };
  const daysLeft = daysBetween(today, endsOn);
  return { state: daysLeft >= 0 ? 'in_warranty' : 'expired', endsOn, daysLeft };
}
