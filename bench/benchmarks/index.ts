import type { Benchmark } from '../types.js';
import { assetListBenchmark } from './asset-list.js';
import { clockSweepDueBenchmark, clockSweepIdleBenchmark } from './clocks.js';
import { serialLookupBenchmark, serialPrefixBenchmark } from './asset-lookup.js';
import { getMeBenchmark } from './get-me.js';
import { signInBenchmark } from './sign-in.js';
import { stockLevelsBenchmark } from './stock-levels.js';
import { ticketCreateBenchmark, ticketQueueBenchmark, ticketSearchBenchmark } from './tickets.js';

/** Every benchmark, in the order they run. Add a new one here. */
export const BENCHMARKS: Benchmark[] = [
  signInBenchmark,
  getMeBenchmark,
  serialLookupBenchmark,
  serialPrefixBenchmark,
  assetListBenchmark,
  ticketCreateBenchmark,
  ticketQueueBenchmark,
  ticketSearchBenchmark,
  clockSweepIdleBenchmark,
  clockSweepDueBenchmark,
  stockLevelsBenchmark,
];
