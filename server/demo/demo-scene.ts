import type { Deps } from '../deps.js';
import type { DemoPersonRef } from './demo-actors.js';
import type { DemoVendorRef } from './demo-vendors.js';
import type { SeededRandom } from './random.js';

/** What the ticket loader's workers share with the field service they run (demo-field.ts). */

/** The people and records field service needs besides the ticket's own engineer. */
export interface FieldCast {
  dispatchers: DemoPersonRef[];
  manager: DemoPersonRef;
  engineers: DemoPersonRef[];
  /** Vendors on file by the `vendor` written on assets. */
  vendors: Map<string, DemoVendorRef>;
  /** Who signs service forms, by customer id: the designated technician first. */
  signers: Map<number, { names: string[]; english: boolean }>;
}

/** An asset as the ticket loader knows it. */
export interface DemoAsset {
  id: number;
  category: string;
  vendor: string;
  softwareVersion: string;
  firmwareVersion: string;
}

/** What field service the demo produced. */
export interface FieldCounts {
  remoteSessions: number;
  visits: number;
  signedForms: number;
  resolutions: number;
  escalations: number;
  reports: number;
  reportsDelivered: number;
}

export function emptyFieldCounts(): FieldCounts {
  return { remoteSessions: 0, visits: 0, signedForms: 0, resolutions: 0, escalations: 0, reports: 0, reportsDelivered: 0 };
}

/** One loader worker's world: its services (on its own clock), random stream and counts. */
export interface DemoScene {
  d: Deps;
  random: SeededRandom;
  /** Sets the worker's clock. */
  at: (ms: number) => void;
  /** The real now: nothing in the demo happens after it. */
  now: number;
  counts: FieldCounts;
  /** Versions the worker's software updates wrote, by `${assetId}:${field}`. */
  versions: Map<string, string>;
}

/** The next step would fall after now: the ticket stays where it got to, as recent ones do. */
export class NowReached extends Error {}
