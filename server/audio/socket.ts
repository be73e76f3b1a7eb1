/**
 * The audio:* socket events, registered through the edge's `handle` (validation, rate limit, acks,
 * typed errors). Thin: each handler checks the session and runs the request against the meeting's
 * AudioRoom — in this process, or (several processes on Redis) in the process that owns the
 * meeting's audio, through `AudioCluster` (cluster.ts). `runAudioRequest` is that one entry point.
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
import { requireSession } from '../transport/handler.js';
import type { PlenarySocket, Session } from '../transport/session.js';
import type { AudioCluster, AudioRpc } from './cluster.js';
import type { AudioService } from './service.js';
import { AudioError, type PeerInfo } from './types.js';

/** Refusals of `queue:yield` that mean "you do not hold the floor" (a projector or the bridge: forbidden by role). */
const NOT_HOLDER: ReadonlySet<ErrorCode> = new Set(['queue.no_current_speaker', 'forbidden']);

/** Requests that run against the meeting's room (everything but handBack, which is a queue command). */
const SCHEMAS = {
  'audio:join': AudioNoPayload,
  'audio:createTransport': AudioCreateTransportRequest,
  'audio:connectTransport': AudioConnectTransportRequest,
  'audio:produce': AudioProduceRequest,
  'audio:consume': AudioConsumeRequest,
  'audio:resumeConsumer': AudioResumeConsumerRequest,
  'audio:setMuted': AudioSetMutedRequest,
  'audio:setChannel': AudioSetChannelRequest,
  'audio:leave': AudioNoPayload,
} as const;
type RoomEvent = keyof typeof SCHEMAS;

/** Runs one (already validated) audio request against this process's AudioService. */
export async function runAudioRequest(audio: AudioService, rpc: Omit<AudioRpc, 'target'>): Promise<unknown> {
  const { meetingId, peer, payload } = rpc;
  // Relayed payloads were validated by the process that received them; parse again anyway (cheap).
  if (rpc.event === 'audio:join') return audio.join(meetingId, peer);
  if (rpc.event === 'audio:leave') {
    await audio.leave(meetingId, peer.id);
    return null;
  }
  const room = audio.existing(meetingId);
  if (!room) throw new AudioError('bad_request', 'Join audio first (audio:join)');
  switch (rpc.event as RoomEvent) {
    case 'audio:createTransport':
      return room.createTransport(peer.id, AudioCreateTransportRequest.parse(payload).direction);
    case 'audio:connectTransport': {
      const r = AudioConnectTransportRequest.parse(payload);
      await room.connectTransport(peer.id, r.transportId, r.dtlsParameters as ms.DtlsParameters);
      return null;
    }
    case 'audio:produce': {
      const r = AudioProduceRequest.parse(payload);
      return room.produce(peer.id, r.transportId, r.kind, r.rtpParameters as unknown as ms.RtpParameters);
    }
    case 'audio:consume': {
      const r = AudioConsumeRequest.parse(payload);
      return room.consume(peer.id, r.transportId, r.producerId, r.rtpCapabilities as unknown as ms.RtpCapabilities);
    }
    case 'audio:resumeConsumer':
      await room.resumeConsumer(peer.id, AudioResumeConsumerRequest.parse(payload).consumerId);
      return null;
    case 'audio:setMuted': {
      const r = AudioSetMutedRequest.parse(payload);
      await room.setMuted(peer.id, r.target, r.muted);
      return null;
    }
    case 'audio:setChannel': {
      const r = AudioSetChannelRequest.parse(payload);
      return room.setChannel(peer.id, r.channel, r.withFloor);
    }
    default:
      throw new AudioError('unknown_event', `Unknown audio request ${rpc.event.slice(0, 64)}`);
  }
}

/** The meeting whose audio a connection joined, who it is there, and which process owns it. */
interface Joined {
  meetingId: string;
  peer: PeerInfo;
  owner: string | null;
}

/**
 * Registers the audio events once per server (`ctx.handlers`); `audio` is the server's
 * AudioService. Each connection's audio membership lives in a WeakMap keyed by its socket, not in
 * per-connection closures (docs/performance.md, memory). Returns what to run when a connection
 * closes.
 */
export function registerAudioHandlers(
  ctx: AppContext,
  audio: () => AudioService,
  cluster: () => AudioCluster | null = () => null,
): { disconnected(socket: PlenarySocket): void } {
  const log = ctx.logger.child({ part: 'audio' });
  const joinedBy = new WeakMap<PlenarySocket, Joined>();

  /** Runs a request where the meeting's audio lives. */
  const run = (j: Joined, event: RoomEvent, payload: unknown): Promise<unknown> => {
    const c = cluster();
    const rpc = { meetingId: j.meetingId, peer: j.peer, event, payload };
    if (!c || j.owner === null || j.owner === c.instanceId) return runAudioRequest(audio(), rpc);
    return c.remote({ ...rpc, target: j.owner });
  };

  const current = (socket: PlenarySocket, s: Session | null) => {
    const session = requireSession(s);
    const joined = joinedBy.get(socket);
    if (!joined || joined.meetingId !== session.meetingId) throw new AudioError('bad_request', 'Join audio first (audio:join)');
    return joined;
  };

  const leave = async (socket: PlenarySocket) => {
    const j = joinedBy.get(socket);
    joinedBy.delete(socket);
    if (j) await run(j, 'audio:leave', {}).catch((err: unknown) => log.debug({ err, socket: socket.id }, 'audio leave failed'));
  };

  ctx.handlers.on('audio:join', AudioNoPayload, async (_req, s, socket) => {
    const session = requireSession(s);
    const state = await ctx.service.get(session.meetingId);
    const person = session.participantId ? state.participants[session.participantId] : undefined;
    const before = joinedBy.get(socket);
    if (before && before.meetingId !== session.meetingId) await leave(socket);
    const peer: PeerInfo = {
      id: socket.id,
      role: session.role,
      participantId: session.participantId,
      name: person?.name ?? '',
      // The booth comes from the meeting's record of the interpreter, not from the client.
      ...(session.role === 'interpreter' && person?.booth ? { booth: person.booth } : {}),
    };
    // Every (re-)join asks who owns the meeting's audio: after an owner died, a new one takes over.
    const owner = (await cluster()?.ownerFor(session.meetingId)) ?? null;
    const joined: Joined = { meetingId: session.meetingId, peer, owner };
    joinedBy.set(socket, joined);
    return run(joined, 'audio:join', {}) as ReturnType<AudioService['join']>;
  });

  for (const event of Object.keys(SCHEMAS) as RoomEvent[]) {
    if (event === 'audio:join' || event === 'audio:leave') continue;
    ctx.handlers.on(event, SCHEMAS[event], async (req, s, socket) => run(current(socket, s), event, req));
  }

  // The speaker hands the floor back: the queue's `queue:yield`, run as the speaker so the log says who
  // ended the turn. The audio contract keeps its own refusal (`audio.no_floor`) for anyone else.
  ctx.handlers.on('audio:handBack', AudioNoPayload, async (_req, s) => {
    const session = requireSession(s);
    const r = await ctx.service.execute(session.meetingId, { type: 'queue:yield' }, session.actor);
    if (r.ok) return null;
    if (NOT_HOLDER.has(r.error.code)) throw new AudioError('audio.no_floor', 'You do not hold the floor');
    throw AppError.from(r.error);
  });

  ctx.handlers.on('audio:leave', AudioNoPayload, async (_req, _s, socket) => {
    await leave(socket);
    return null;
  });

  return { disconnected: (socket) => void leave(socket) };
}
