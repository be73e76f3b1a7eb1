/**
 * The extensions a real server runs (createApp uses this list unless told otherwise). Later issues
 * add one line each here: e.g. the audio engine, the CSV export routes.
 */
import type { ServerExtension } from './context.js';
import { pollsCsvExtension } from './http/polls-csv.js';
import { speakersCsvExtension } from './http/speakers-csv.js';

export const DEFAULT_EXTENSIONS: ServerExtension[] = [
  speakersCsvExtension,
  pollsCsvExtension,
];
