/**
 * The audio:* socket events, registered through the edge's `handle` (validation, rate limit, acks,
 * typed errors). Thin: each handler checks the session and calls the meeting's AudioRoom.
 */
import type { types as ms } from 'mediasoup';
import {
  AudioConnectTransportRequest,
  AudioConsumeRequest,
  AudioCreateTransportRequest,
  AudioNoPayload,
  AudioProduceRequest,
  AudioResumeConsumerRequest,
  AudioSetChannelRequest,
  AudioSetMutedRequest,
} from '../../shared/audio-protocol.js';
import type { ErrorCode } from '../../shared/domain/common.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { handle, requireSession } from '../transport/handler.js';
import type { PlenarySocket, Session } from '../transport/session.js';
import type { AudioRoom } from './room.js';
import type { AudioService } from './service.js';
import { AudioError } from './types.js';

/** Refusals of `queue:yield` that mean "you do not hold the floor" (a projector or the bridge: forbidden by role). */
const NOT_HOLDER: ReadonlySet<ErrorCode> = new Set(['queue.no_current_speaker', 'forbidden']);

/** Registers the audio events on one connection; `audio` is the server's AudioService. */
export function registerAudioHandlers(socket: PlenarySocket, ctx: AppContext, audio: () => AudioService): void {
  const log = ctx.logger.child({ socket: socket.id, part: 'audio' });
  /** The meeting whose audio this connection joined (audio:join), if any. */
  let joined: string | null = null;

  const room = async (s: Session | null): Promise<AudioRoom> => {
    const session = requireSession(s);
    if (joined !== session.meetingId) throw new AudioError('bad_request', 'Join audio first (audio:join)');
    return audio().room(joined);
  };

  handle(socket, 'audio:join', AudioNoPayload, async (_req, s) => {
    const session = requireSession(s);
    const state = await ctx.service.get(session.meetingId);
    const person = session.participantId ? state.participants[session.participantId] : undefined;
    if (joined && joined !== session.meetingId) await audio().leave(joined, socket.id);
    joined = session.meetingId;
    return audio().join(joined, {
      id: socket.id,
      role: session.role,
      participantId: session.participantId,
      name: person?.name ?? '',
      // The booth comes from the meeting's record of the interpreter, not from the client.
      ...(session.role === 'interpreter' && person?.booth ? { booth: person.booth } : {}),
    });
  }, log);

  handle(socket, 'audio:createTransport', AudioCreateTransportRequest, async (req, s) =>
    (await room(s)).createTransport(socket.id, req.direction), log);

  handle(socket, 'audio:connectTransport', AudioConnectTransportRequest, async (req, s) => {
    await (await room(s)).connectTransport(socket.id, req.transportId, req.dtlsParameters as ms.DtlsParameters);
    return null;
  }, log);

  handle(socket, 'audio:produce', AudioProduceRequest, async (req, s) =>
    (await room(s)).produce(socket.id, req.transportId, req.kind, req.rtpParameters as unknown as ms.RtpParameters), log);

  handle(socket, 'audio:consume', AudioConsumeRequest, async (req, s) =>
    (await room(s)).consume(socket.id, req.transportId, req.producerId, req.rtpCapabilities as unknown as ms.RtpCapabilities), log);

  handle(socket, 'audio:resumeConsumer', AudioResumeConsumerRequest, async (req, s) => {
    await (await room(s)).resumeConsumer(socket.id, req.consumerId);
    return null;
  }, log);

  handle(socket, 'audio:setMuted', AudioSetMutedRequest, async (req, s) => {
    await (await room(s)).setMuted(socket.id, req.target, req.muted);
    return null;
  }, log);

  // The speaker hands the floor back: the queue's `queue:yield`, run as the speaker so the log says who
  // ended the turn. The audio contract keeps its own refusal (`audio.no_floor`) for anyone else.
  handle(socket, 'audio:handBack', AudioNoPayload, async (_req, s) => {
    const session = requireSession(s);
    const r = await ctx.service.execute(session.meetingId, { type: 'queue:yield' }, session.actor);
    if (r.ok) return null;
    if (NOT_HOLDER.has(r.error.code)) throw new AudioError('audio.no_floor', 'You do not hold the floor');
    throw AppError.from(r.error);
  }, log);

  handle(socket, 'audio:setChannel', AudioSetChannelRequest, async (req, s) =>
    (await room(s)).setChannel(socket.id, req.channel, req.withFloor), log);

  handle(socket, 'audio:leave', AudioNoPayload, async () => {
    if (joined) await audio().leave(joined, socket.id);
    joined = null;
    return null;
  }, log);

  socket.on('disconnect', () => {
    if (joined) void audio().leave(joined, socket.id).catch(() => undefined);
    joined = null;
  });
}
