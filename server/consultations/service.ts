/**
 * ConsultationService: the consultation's writer path, load → decide → append → apply, like the
 * MeetingService but without broadcast (consultations are read over HTTP). States are cached and
 * caught up from the store before every decision, so several processes (Redis) stay consistent;
 * work is serialised per consultation and a lost append race is decided again on fresh state.
 */
import {
  applyConsultationAll,
  decideConsultation,
  emptyConsultation,
  fail,
  ok,
  type ConsultationActor,
  type ConsultationCommand,
  type ConsultationState,
  type Result,
  type VersionedConsultationEvent,
} from '../../shared/domain/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../meetings/service.js';
import { KeyedSerialQueue } from '../meetings/serial.js';
import type { ConsultationLog } from '../store/types.js';

export interface ConsultationExecuted {
  version: number;
  events: VersionedConsultationEvent[];
  state: ConsultationState;
}

const MAX_ATTEMPTS = 10;

export class ConsultationService {
  private readonly cache = new Map<string, ConsultationState>();
  private readonly queue = new KeyedSerialQueue();

  constructor(
    private readonly log: ConsultationLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The consultation's current state (`created: false` when it does not exist). */
  get(id: string): Promise<ConsultationState> {
    return this.queue.run(id, () => this.fresh(id));
  }

  list(): Promise<string[]> {
    return this.log.list();
  }

  /** Decides and, if accepted, appends and applies. Refusals come back as `ok: false` and change nothing. */
  execute(id: string, command: ConsultationCommand, actor: ConsultationActor): Promise<Result<ConsultationExecuted>> {
    return this.queue.run(id, async () => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const state = await this.fresh(id);
        const decided = decideConsultation(state, command, actor, this.clock.now());
        if (!decided.ok) return decided;
        if (decided.value.length === 0) return ok({ version: state.version, events: [], state });
        const appended = await this.log.append(id, state.version, decided.value);
        if (!appended.ok) {
          this.logger.debug({ consultationId: id, attempt }, 'consultation append conflict, catching up');
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
          continue;
        }
        const events = decided.value.map((event, i) => ({ v: state.version + i + 1, event }));
        const next = applyConsultationAll(state, decided.value);
        this.cache.set(id, next);
        return ok({ version: next.version, events, state: next });
      }
      return fail('conflict', 'The consultation is busy; please retry');
    });
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async fresh(id: string): Promise<ConsultationState> {
    const state = this.cache.get(id) ?? emptyConsultation();
    const missed = await this.log.readSince(id, state.version);
    if (missed.length === 0 && this.cache.has(id)) return state;
    const next = applyConsultationAll(state, missed.map((e) => e.event));
    this.cache.set(id, next);
    return next;
  }
}
