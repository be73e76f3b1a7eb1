/**
 * Each fault scenario records its figures in test-results/faults.json (one key per scenario), so a
 * release can quote "these faults were survived, nothing was lost" from the last run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(import.meta.dirname, '../../test-results/faults.json');

/** Merges `figures` under `scenario` (with the time of the run). */
export function record(scenario: string, figures: Record<string, unknown>): void {
  mkdirSync(join(FILE, '..'), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // first scenario of the run
  }
  all[scenario] = { ...figures, at: new Date().toISOString() };
  writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`);
}
