/**
 * `npm run bench`: runs the benchmarks one after another and prints their figures.
 * Add a benchmark by importing it here.
 */
import { voteStorm } from './vote-storm.js';
import { audioFanout, fanoutArgs } from './audio-fanout.js';

const benches: Array<[string, (log: (line: string) => void) => Promise<string[]>]> = [
  ['vote-storm', voteStorm],
  ['audio-fanout', (log) => audioFanout(log, fanoutArgs())],
];

for (const [name, run] of benches) {
  const started = performance.now();
  await run((line) => console.log(`[${name}] ${line}`));
  console.log(`[${name}] done in ${Math.round(performance.now() - started)} ms`);
}
process.exit(0);
