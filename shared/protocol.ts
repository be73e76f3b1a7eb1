/**
 * The wire contract between the browser (or a Node bot) and the server: Socket.IO event maps,
 * payload schemas (zod) and the ack result union. Imported by both sides.
 * Documented for humans in docs/protocol.md — keep the two in step.
 */
import { z } from 'zod';
import {
  Command,
  ErrorCode,
  Language,
  Role,
  StakeholderGroup,
  optionalText,
  text,
  type DomainError,
  type MeetingState,
  type VersionedEvent,
} from './domain/index.js';

import type {
  AudioConsumerInfo,
  AudioJoinInfo,
  AudioSetMutedRequest,
  AudioTransportInfo,
  FloorNotice,
  ProducerInfo,
  SilenceNotice,
  SpeakingEntry,
  AudioSetChannelRequest,
  ChannelCounts,
  ChannelNotice,
  ChannelStatus,
} from './audio-protocol.js';

export * from './audio-protocol.js';

/** A socket message bigger than this (its JSON) is refused with `payload_too_large`. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
/**
 * A frame bigger than this closes the connection (Socket.IO `maxHttpBufferSize`): the hard cap on
 * what the server will read at all. Between the two limits the sender gets a typed error instead.
 */
export const MAX_FRAME_BYTES = 256 * 1024;

/** Profile a newcomer chooses on the join page when joining from an invite link. */
export const JoinProfile = z.object({
  name: text(80),
  group: StakeholderGroup,
  affiliation: optionalText(120).default(''),
  language: Language,
  inRoom: z.boolean().default(false),
});
export type JoinProfile = z.infer<typeof JoinProfile>;

export const JoinRequest = z.object({
  token: z.string().min(10).max(2048),
  /** Version the client already holds (reconnect): the server answers with the missed events. */
  since: z.number().int().nonnegative().optional(),
  /** Required when the token is an invite (no participant yet). */
  profile: JoinProfile.optional(),
});
export type JoinRequest = z.input<typeof JoinRequest>;

export const CommandRequest = z.object({
  command: Command,
  /** Optional optimistic check: refuse with `conflict` if the meeting moved past this version. */
  expectedVersion: z.number().int().nonnegative().optional(),
});
export type CommandRequest = z.input<typeof CommandRequest>;

export const SyncRequest = z.object({ since: z.number().int().nonnegative() });
export type SyncRequest = z.infer<typeof SyncRequest>;

export const InviteRequest = z.object({
  role: Role,
  /** Hours until the link expires; default 7 days. */
  ttlHours: z.number().int().min(1).max(24 * 365).optional(),
  /** A note for the moderators' list of links (e.g. "Ministry delegation"); not in the token. */
  label: optionalText(80).optional(),
  /** Interpreter links (required for them): the booth's language. The booth is opened if needed. */
  booth: Language.optional(),
});
export type InviteRequest = z.infer<typeof InviteRequest>;

/** Who this connection is, as the server sees it. */
export interface Me {
  meetingId: string;
  role: Role;
  participantId: string | null;
}

/** Either the missed events after `since`, or a fresh snapshot when too far behind (or first join). */
export type Catchup =
  | { kind: 'events'; events: VersionedEvent[]; version: number }
  /**
   * `state`, then `events` (if any) applied on top of it, gives the meeting at `version`: a join
   * burst shares one recent snapshot (server/transport/audience.ts, `JoinSnapshots`).
   */
  | { kind: 'snapshot'; state: MeetingState; version: number; events?: VersionedEvent[] };

export interface JoinResult {
  me: Me;
  catchup: Catchup;
  /** A personal token, issued when joining from an invite: keep it to rejoin as the same person. */
  token?: string;
  serverTime: number;
}

export interface InviteResult {
  token: string;
  /** Path (with query) to open in a browser, relative to the server's origin. */
  path: string;
  role: Role;
  expiresAt: number;
  /** The link's id in `state.invites`, for `invite:revoke`. */
  inviteId: string;
}

export type AckError = DomainError & { code: ErrorCode };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T> = (result: Ack<T>) => void;

export interface ClientToServerEvents {
  'session:join': (req: JoinRequest, ack: AckFn<JoinResult>) => void;
  command: (req: CommandRequest, ack: AckFn<{ version: number }>) => void;
  'session:sync': (req: SyncRequest, ack: AckFn<Catchup>) => void;
  'invite:create': (req: InviteRequest, ack: AckFn<InviteResult>) => void;
  // audio (mediasoup signalling; schemas in audio-protocol.ts)
  'audio:join': (req: Record<string, never> | undefined, ack: AckFn<AudioJoinInfo>) => void;
  'audio:createTransport': (req: { direction: 'send' | 'recv' }, ack: AckFn<AudioTransportInfo>) => void;
  'audio:connectTransport': (req: { transportId: string; dtlsParameters: AudioTransportInfo['dtlsParameters'] }, ack: AckFn<null>) => void;
  'audio:produce': (req: { transportId: string; kind: 'audio'; rtpParameters: AudioConsumerInfo['rtpParameters'] }, ack: AckFn<{ producerId: string }>) => void;
  'audio:consume': (req: { transportId: string; producerId: string; rtpCapabilities: AudioJoinInfo['routerRtpCapabilities'] }, ack: AckFn<AudioConsumerInfo>) => void;
  'audio:resumeConsumer': (req: { consumerId: string }, ack: AckFn<null>) => void;
  'audio:setMuted': (req: AudioSetMutedRequest, ack: AckFn<null>) => void;
  /** The floor holder ends their own turn (the server runs queue:end for them). */
  'audio:handBack': (req: Record<string, never> | undefined, ack: AckFn<null>) => void;
  'audio:leave': (req: Record<string, never> | undefined, ack: AckFn<null>) => void;
  /** Choose what to hear: the floor or a booth (`withFloor`: ducking). Answers the resulting notice. */
  'audio:setChannel': (req: AudioSetChannelRequest, ack: AckFn<ChannelNotice>) => void;
}

export interface ServerToClientEvents {
  /** New events of the joined meeting, in version order. */
  'meeting:events': (batch: { meetingId: string; events: VersionedEvent[] }) => void;
  /**
   * The server refuses this connection and closes it (no join in time; the moderator removed this
   * participant: `participant.removed`); the client should stop retrying.
   */
  'session:error': (error: AckError) => void;
  // audio
  /** Someone started producing: consume it (`audio:consume`) to hear them. */
  'audio:newProducer': (info: ProducerInfo) => void;
  'audio:producerClosed': (info: { producerId: string }) => void;
  /** Your microphone right changed (to this connection only). */
  'audio:floor': (notice: FloorNotice) => void;
  /** Who is heard now, a few times a second while anyone is. */
  'audio:levels': (levels: { speaking: SpeakingEntry[] }) => void;
  /** Moderators: the floor holder has been silent for too long (or is heard again). */
  'audio:silence': (notice: SilenceNotice) => void;
  /** The media server restarted: join audio again (`audio:join`, new transports). */
  'audio:restart': (info: { reason: 'worker_died' }) => void;
  /** Every channel's status, to everyone, whenever one changes (on air, silent, interpreter, source). */
  'audio:channels': (info: { channels: ChannelStatus[] }) => void;
  /** What this connection hears changed (its choice, or a fallback began or ended). */
  'audio:channel': (notice: ChannelNotice) => void;
  /** Moderators: listeners per channel, about once a second while it changes. */
  'audio:channelCounts': (counts: ChannelCounts) => void;
}

export { ErrorCode };
