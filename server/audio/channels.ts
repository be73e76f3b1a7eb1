/**
 * Language channels in an audio room, the pure part: which channel a producer carries, what a
 * connection hears (its choice, or the floor while the chosen booth is off air or silent — the
 * domain's `effectiveChannel`), the status list everyone sees and the counts moderators see.
 * The room turns these answers into consumer swaps (room.ts).
 */
import {
  FLOOR,
  LANGUAGES,
  boothList,
  effectiveChannel,
  fallbackReason,
  type Language,
  type MeetingState,
} from '../../shared/domain/index.js';
import type { ChannelCounts, ChannelId, ChannelNotice, ChannelStatus } from '../../shared/audio-protocol.js';

/** The identity part of a peer the channel rules need. */
export interface ChannelPeer {
  role: string;
  booth?: Language | undefined;
  chosen: ChannelId;
  withFloor: boolean;
}

/** The channel a peer's microphone carries: an interpreter's booth, everyone else the floor. */
export function producerChannel(p: Pick<ChannelPeer, 'role' | 'booth'>): ChannelId {
  return p.role === 'interpreter' && p.booth ? p.booth : FLOOR;
}

/** Interpreters on air now (participant ids): their microphones are live. */
export function onAirInterpreters(state: MeetingState | null): Set<string> {
  if (!state) return new Set();
  return new Set(boothList(state).flatMap((b) => (b.onAir ? [b.onAir] : [])));
}

/** What a peer hears now, and why not its choice. */
export function channelNotice(state: MeetingState | null, p: ChannelPeer, silent: ReadonlySet<Language>): ChannelNotice {
  const effective = state ? effectiveChannel(state, p.chosen, silent) : FLOOR;
  const fallback = state ? fallbackReason(state, p.chosen, silent) : p.chosen === FLOOR ? null : 'off_air';
  return { chosen: p.chosen, effective, withFloor: p.withFloor, fallback };
}

/** The channels whose producers a peer receives: what it hears, plus the floor underneath (ducking). */
export function heardChannels(n: ChannelNotice): Set<ChannelId> {
  const out = new Set<ChannelId>([n.effective]);
  if (n.withFloor) out.add(FLOOR);
  return out;
}

/** Every channel: the floor first, then each open booth in the order of LANGUAGES. */
export function channelStatuses(state: MeetingState | null, silent: ReadonlySet<Language>): ChannelStatus[] {
  const floor: ChannelStatus = { channel: FLOOR, onAir: true, silent: false, interpreter: null, source: FLOOR };
  if (!state) return [floor];
  return [
    floor,
    ...boothList(state).map((b): ChannelStatus => ({
      channel: b.language,
      onAir: b.onAir !== null,
      silent: b.onAir !== null && silent.has(b.language),
      interpreter: b.onAir ? { participantId: b.onAir, name: state.participants[b.onAir]?.name ?? '' } : null,
      source: b.source,
    })),
  ];
}

/** Whether a channel exists: the floor, or an open booth. */
export function channelExists(state: MeetingState | null, c: ChannelId): boolean {
  return c === FLOOR || (!!state && boothList(state).some((b) => b.language === c));
}

/** Listener counts per channel, for moderators. */
export function channelCounts(peers: Iterable<{ chosen: ChannelId; notice: ChannelNotice | undefined }>): ChannelCounts {
  const listening: Partial<Record<ChannelId, number>> = {};
  const chosen: Partial<Record<ChannelId, number>> = {};
  let total = 0;
  for (const p of peers) {
    total += 1;
    const eff = p.notice?.effective ?? FLOOR;
    listening[eff] = (listening[eff] ?? 0) + 1;
    chosen[p.chosen] = (chosen[p.chosen] ?? 0) + 1;
  }
  return { listening, chosen, total };
}

/** Languages in the order used everywhere (for deterministic output). */
export const CHANNEL_ORDER: readonly ChannelId[] = [FLOOR, ...LANGUAGES];
