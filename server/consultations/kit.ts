/**
 * What the consultation routes share: the service (load → decide → append → apply), the token
 * signer for edit and secretariat links, and the attachment files. createApp builds one per server.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../meetings/service.js';
import type { EventStore } from '../store/types.js';
import { AttachmentStore } from './attachments.js';
import { AddressLimiter } from './edge.js';
import { ConsultationService } from './service.js';
import { ConsultationTokens } from './tokens.js';

export interface ConsultationKit {
  service: ConsultationService;
  tokens: ConsultationTokens;
  attachments: AttachmentStore;
  /** Per-address limits of the write routes (tests may change `limiter.limits`). */
  limiter: AddressLimiter;
}

export function createConsultationKit(opts: { config: Pick<Config, 'secret' | 'dataDir'>; store: EventStore; clock: Clock; logger: Logger }): ConsultationKit {
  return {
    service: new ConsultationService(opts.store.consultations, opts.clock, opts.logger),
    tokens: new ConsultationTokens(opts.config.secret),
    attachments: new AttachmentStore(join(opts.config.dataDir, 'attachments')),
    limiter: new AddressLimiter(),
  };
}
