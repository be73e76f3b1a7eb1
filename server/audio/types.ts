/**
 * The audio core's vocabulary: what it tells connections (server → client messages), the tiny outbox
 * interface it sends them through (so it never sees Socket.IO), and its typed error.
 */
import type { ErrorCode, Role } from '../../shared/domain/common.js';
import type { FloorNotice, ProducerInfo, SilenceNotice, SpeakingEntry } from '../../shared/audio-protocol.js';

export type { FloorNotice, ProducerInfo, SilenceNotice, SpeakingEntry } from '../../shared/audio-protocol.js';
export type {
  AudioConsumerInfo as ConsumerInfo,
  AudioJoinInfo,
  AudioTransportInfo as TransportInfo,
} from '../../shared/audio-protocol.js';

/** Every message the audio core sends to a connection: the event name and its payload. */
export type AudioServerMessage =
  | { event: 'audio:newProducer'; payload: ProducerInfo }
  | { event: 'audio:producerClosed'; payload: { producerId: string } }
  | { event: 'audio:floor'; payload: FloorNotice }
  | { event: 'audio:levels'; payload: { speaking: SpeakingEntry[] } }
  | { event: 'audio:silence'; payload: SilenceNotice }
  | { event: 'audio:restart'; payload: { reason: 'worker_died' } };

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
}

/** A refused audio request; `code` is from the closed list and safe to show (translated) to a user. */
export class AudioError extends Error {
  override readonly name = 'AudioError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
