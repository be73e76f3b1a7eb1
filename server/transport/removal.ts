/**
 * Enforces `participant:removed` on live connections: every socket of the removed participant (in
 * this process) gets `session:error {code: 'participant.removed'}` and is disconnected, which also
 * ends their presence and their audio (the audio extension leaves the room on disconnect; their turn,
 * if any, already ended in the reducer). With Redis each process does this for its own sockets when
 * it applies the event (its cache catches up on `meeting:appended`). Rejoining is refused in join().
 */
import type { DomainEvent } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';

const removedIn = (events: ReadonlyArray<{ event: DomainEvent }>): Set<string> =>
  new Set(events.flatMap(({ event }) => (event.type === 'participant:removed' ? [event.participantId] : [])));

/** Subscribes to the meeting service; returns the unsubscribe function. */
export function enforceRemovals(ctx: Pick<AppContext, 'service' | 'io' | 'logger'>): () => void {
  return ctx.service.onApplied((meetingId, state, events) => {
    const removed = removedIn(events);
    if (removed.size === 0) return;
    for (const socket of ctx.io.sockets.sockets.values()) {
      const s = socket.data.session;
      if (!s || s.meetingId !== meetingId || !s.participantId || !removed.has(s.participantId)) continue;
      // A restore in the same batch wins: nothing to enforce then.
      if (state.participants[s.participantId]?.removed !== true) continue;
      ctx.logger.info({ meetingId, participantId: s.participantId, socket: socket.id }, 'disconnecting a removed participant');
      socket.emit('session:error', { code: 'participant.removed', message: 'The moderator removed you from this meeting' });
      socket.disconnect(true);
    }
  });
}
