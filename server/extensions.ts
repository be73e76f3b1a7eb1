/**
 * The extensions a real server runs (createApp uses this list unless told otherwise). Later issues
 * add one line each here: e.g. the audio engine, the CSV export routes.
 */
import { audioExtension } from './audio/extension.js';
import type { ServerExtension } from './context.js';
import { consultationExtension } from './http/consultation.js';
import { icsExtension } from './http/ics.js';
import { inviteCheckExtension } from './http/invite-check.js';
import { minutesExtension } from './http/minutes.js';
import { pollsCsvExtension } from './http/polls-csv.js';
import { speakersCsvExtension } from './http/speakers-csv.js';
import { joinLinkExtension } from './queue/join-link.js';

export const DEFAULT_EXTENSIONS: ServerExtension[] = [
  speakersCsvExtension,
  joinLinkExtension,
  pollsCsvExtension,
  icsExtension,
  inviteCheckExtension,
  minutesExtension,
  consultationExtension,
  audioExtension(),
];
