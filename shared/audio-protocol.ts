/**
 * The audio part of the wire contract (mediasoup signalling): request schemas (zod) and the payloads
 * of the `audio:*` events. shared/protocol.ts re-exports this and lists the events in its maps.
 *
 * mediasoup's own objects (RTP parameters and capabilities, DTLS parameters) are checked for shape and
 * size only: the router validates their content and answers a typed error when it refuses them.
 */
import { z } from 'zod';
import type { types as msc } from 'mediasoup-client';
import { Id, type Language, type Role } from './domain/common.js';
import { ChannelId } from './domain/meeting/interpretation/model.js';

export { ChannelId };

/** An opaque mediasoup object: a JSON object; its content is mediasoup's to check. */
const MsObject = z.record(z.string(), z.unknown());

export const AudioDirection = z.enum(['send', 'recv']);
export type AudioDirection = z.infer<typeof AudioDirection>;

/** `audio:join` and `audio:leave` carry nothing (an empty object or no payload at all). */
export const AudioNoPayload = z.object({}).optional();

export const AudioCreateTransportRequest = z.object({ direction: AudioDirection });

export const AudioConnectTransportRequest = z.object({
  transportId: Id,
  dtlsParameters: z.object({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z.array(z.object({ algorithm: z.string().max(16), value: z.string().max(200) })).min(1).max(8),
  }),
});

export const AudioProduceRequest = z.object({
  transportId: Id,
  /** Audio only: the meeting is speech. */
  kind: z.literal('audio'),
  rtpParameters: MsObject,
});

export const AudioConsumeRequest = z.object({
  transportId: Id,
  producerId: Id,
  /** The device's `rtpCapabilities` (mediasoup-client `device.rtpCapabilities`). */
  rtpCapabilities: MsObject,
});

export const AudioResumeConsumerRequest = z.object({ consumerId: Id });

/** Whom a moderator mutes: a participant (all their connections), one producer, or the room bridge. */
export const AudioMuteTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('participant'), participantId: Id }),
  z.object({ kind: z.literal('producer'), producerId: Id }),
  z.object({ kind: z.literal('room') }),
]);
export type AudioMuteTarget = z.infer<typeof AudioMuteTarget>;

/** Without `target`: mute or unmute yourself. With one: moderators only, locked until a moderator lifts it. */
export const AudioSetMutedRequest = z.object({ muted: z.boolean(), target: AudioMuteTarget.optional() });
export type AudioSetMutedRequest = z.infer<typeof AudioSetMutedRequest>;

/** A producer as listeners see it. */
export interface ProducerInfo {
  producerId: string;
  participantId: string | null;
  role: Role;
  name: string;
  /**
   * The channel it carries: `floor` (speakers, chair, hall) or a booth's language (its interpreter).
   * A connection is only told about (and may only consume) producers of the channels it hears.
   */
  channel: ChannelId;
}

/**
 * `audio:setChannel`: what this connection wants to hear. `withFloor` (ducking): while hearing a
 * booth, also receive the floor, which the client plays quietly underneath. The choice stays until
 * changed (or the connection leaves); the client remembers it per browser.
 */
export const AudioSetChannelRequest = z.object({ channel: ChannelId, withFloor: z.boolean().default(false) });
export type AudioSetChannelRequest = z.infer<typeof AudioSetChannelRequest>;

/**
 * To one connection, whenever what it hears changes (its choice, or a fallback starting or ending).
 * The server swaps consumers itself: `audio:producerClosed` for what it no longer hears,
 * `audio:newProducer` for what it hears now — on the same receive transport, no renegotiation.
 */
export interface ChannelNotice {
  chosen: ChannelId;
  /** What is heard now: `chosen`, or `floor` while the chosen booth is off air or silent. */
  effective: ChannelId;
  withFloor: boolean;
  /** Why `effective` is not `chosen` (the client shows a notice); null when it is. */
  fallback: 'off_air' | 'silent' | null;
}

/** One channel as everyone sees it (`audio:channels`, and in the `audio:join` answer). */
export interface ChannelStatus {
  channel: ChannelId;
  /** The floor: always. A booth: an interpreter is on air. */
  onAir: boolean;
  /** On air, but nothing heard for the booth-silence delay: its listeners hear the floor meanwhile. */
  silent: boolean;
  /** A booth's interpreter on air, or null. */
  interpreter: { participantId: string; name: string } | null;
  /** What a booth interprets from (`floor`, or a booth it relays); `floor` for the floor itself. */
  source: ChannelId;
}

/** To moderators, about once a second while it changes: connections hearing each channel now. */
export interface ChannelCounts {
  /** By effective channel (`floor`, or a language); a booth-listener in fallback counts on `floor`. */
  listening: Partial<Record<ChannelId, number>>;
  /** By chosen channel (how many want each language, whether or not it is on air). */
  chosen: Partial<Record<ChannelId, number>>;
  /** Connections in the meeting's audio (every role). */
  total: number;
}

/** Diagnostic: booths whose interpreter is on air, by language (the moderator overview's data). */
export type OnAirBooths = Partial<Record<Language, { participantId: string; name: string }>>;

/**
 * Told to one connection whenever its microphone right changes.
 * `open`: produce now, you are heard; `paused`: you hold the floor (or are the bridge) but the server
 * is not forwarding you (turn paused, muted, or a remote speaker has the floor); `closed`: you may not
 * produce (any producer you had is closed).
 */
export interface FloorNotice {
  mic: 'open' | 'paused' | 'closed';
  turnId: string | null;
  /** A moderator muted this microphone; only a moderator can unmute it. */
  lockedByModerator: boolean;
  /** The connection muted itself. */
  selfMuted: boolean;
}

export interface SpeakingEntry extends ProducerInfo {
  /** dBov, -127 (silence) … 0 (loudest). */
  volume: number;
}

/** To moderators: the floor holder has been silent for too long (or is heard again). */
export interface SilenceNotice {
  turnId: string;
  participantId: string | null;
  name: string;
  /** True when flagged; false when sound is heard again or the turn moved on. */
  silent: boolean;
  silentForMs: number;
}

/** What `audio:createTransport` returns: what mediasoup-client's `createSendTransport` needs. */
export interface AudioTransportInfo {
  id: string;
  iceParameters: msc.IceParameters;
  iceCandidates: msc.IceCandidate[];
  dtlsParameters: msc.DtlsParameters;
}

export interface AudioConsumerInfo {
  consumerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  rtpParameters: msc.RtpParameters;
}

export interface AudioJoinInfo {
  routerRtpCapabilities: msc.RtpCapabilities;
  /** Producers already there that this connection hears (its channel's; a listener joining mid-turn consumes the speaker at once). */
  producers: ProducerInfo[];
  floor: FloorNotice;
  /** Every channel and its status. */
  channels: ChannelStatus[];
  /** What this connection hears: the floor on first join; a re-join keeps the earlier choice. */
  channel: ChannelNotice;
}
