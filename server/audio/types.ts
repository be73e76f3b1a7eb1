/**
 * The audio core's vocabulary: what it tells connections (server → client messages), the tiny outbox
 * interface it sends them through (so it never sees Socket.IO), and its typed error.
 */
import type { ErrorCode, Language, Role } from '../../shared/domain/common.js';
import { AppError } from '../errors.js';
import type { ServerToClientEvents } from '../../shared/protocol.js';

export type { FloorNotice, ProducerInfo, SilenceNotice, SpeakingEntry } from '../../shared/audio-protocol.js';
export type {
  AudioConsumerInfo as ConsumerInfo,
  AudioJoinInfo,
  AudioTransportInfo as TransportInfo,
} from '../../shared/audio-protocol.js';

type AudioEvent = Extract<keyof ServerToClientEvents, `audio:${string}`>;

/** Every message the audio core sends to a connection: an `audio:*` event of the contract and its payload. */
export type AudioServerMessage = {
  [E in AudioEvent]: { event: E; payload: Parameters<ServerToClientEvents[E]>[0] };
}[AudioEvent];

/** How the audio core reaches a connection (peer id = socket id). */
export interface AudioOutbox {
  send(peerId: string, message: AudioServerMessage): void;
}

/** A connection that has joined a meeting's audio. */
export interface PeerInfo {
  /** Connection id (the socket id). */
  id: string;
  role: Role;
  participantId: string | null;
  /** Shown in "speaking now". */
  name: string;
  /** Interpreters: the language of their booth. */
  booth?: Language;
}

/**
 * A refused audio request: an AppError, so the socket edge answers it with its code (translated by
 * the client) instead of `internal`.
 */
export class AudioError extends AppError {
  override name = 'AudioError';
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }
}
