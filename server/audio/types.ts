/**
 * The audio core's vocabulary: what it tells connections (server → client messages), the tiny outbox
 * interface it sends them through (so it never sees Socket.IO), and its typed error.
 */
import type { types as ms } from 'mediasoup';
import type { ErrorCode, Role } from '../../shared/domain/common.js';

/** A producer as listeners see it. */
export interface ProducerInfo {
  producerId: string;
  participantId: string | null;
  role: Role;
  name: string;
}

/**
 * Told to one connection whenever its microphone right changes.
 * `open`: produce now and you are heard; `paused`: you hold the floor (or are the bridge) but the
 * server is not forwarding you; `closed`: you may not produce.
 */
export interface FloorNotice {
  mic: 'open' | 'paused' | 'closed';
  turnId: string | null;
  /** A moderator muted this microphone; only a moderator can unmute it. */
  lockedByModerator: boolean;
  /** The connection muted itself. */
  selfMuted: boolean;
}

export interface SpeakingEntry {
  producerId: string;
  participantId: string | null;
  role: Role;
  name: string;
  /** dBov, -127 (silence) … 0 (loudest). */
  volume: number;
}

export interface SilenceNotice {
  turnId: string;
  participantId: string | null;
  name: string;
  /** True when flagged; false when sound is heard again or the turn moved on. */
  silent: boolean;
  /** How long nothing has been heard, when flagged. */
  silentForMs: number;
}

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

/** What `createTransport` returns: everything mediasoup-client's `createSendTransport` needs. */
export interface TransportInfo {
  id: string;
  iceParameters: ms.IceParameters;
  iceCandidates: ms.IceCandidate[];
  dtlsParameters: ms.DtlsParameters;
}

export interface ConsumerInfo {
  consumerId: string;
  producerId: string;
  kind: ms.MediaKind;
  rtpParameters: ms.RtpParameters;
}

export interface AudioJoinInfo {
  routerRtpCapabilities: ms.RouterRtpCapabilities;
  /** Producers already live (a listener joining mid-turn consumes the speaker at once). */
  producers: ProducerInfo[];
  floor: FloorNotice;
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
