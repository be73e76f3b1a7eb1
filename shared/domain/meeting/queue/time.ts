/**
 * Speaking time, computed from timestamps by whoever displays it: countdowns, the wait estimate of a
 * queued speaker and live statistics per stakeholder group and per person. No server timer is needed,
 * so a restart or a reconnecting client loses no time.
 */
import { STAKEHOLDER_GROUPS, type StakeholderGroup } from '../../common.js';
import { itemElapsedMs } from '../meeting.js';
import type { MeetingState } from '../state.js';
import { entryLimitMs, personKey, type FinishedTurn } from './model.js';
import { orderedQueue } from './order.js';

/** The timing fields of a turn, running (with `pausedAt`) or finished. */
export interface TurnTiming {
  startedAt: number;
  pausedMs: number;
  pausedAt?: number | null;
  limitMs: number;
}

/** Speaking time of a turn at `now`, pauses excluded. */
export function turnElapsedMs(t: TurnTiming, now: number): number {
  const pausedNow = t.pausedAt != null ? Math.max(0, now - t.pausedAt) : 0;
  return Math.max(0, now - t.startedAt - t.pausedMs - pausedNow);
}

/** Time left at `now`; negative once the speaker runs over. */
export function turnRemainingMs(t: TurnTiming, now: number): number {
  return t.limitMs - turnElapsedMs(t, now);
}

/** The phase a countdown is in: the views colour it (warning near the end, overrun in red). */
export type CountdownPhase = 'normal' | 'warning' | 'overrun';
/** The longest warning: the last 30 seconds of a turn. */
export const WARNING_MS = 30_000;

/**
 * How long before the end of a turn of `limitMs` the countdown warns: 30 s, or a third of a
 * shorter limit (whole seconds) — a 20-second turn would otherwise be "in its last 30 seconds"
 * from its first second.
 */
export function warningMs(limitMs: number): number {
  return Math.min(WARNING_MS, Math.round(limitMs / 3 / 1000) * 1000);
}

/** The phase of a countdown with `remainingMs` left of a turn of `limitMs` (unknown: 30 s warning). */
export function countdownPhase(remainingMs: number, limitMs = Infinity): CountdownPhase {
  if (remainingMs < 0) return 'overrun';
  if (remainingMs <= warningMs(limitMs)) return 'warning';
  return 'normal';
}

/** Where an entry stands: 1-based position and the estimated wait until it gets the floor. */
export interface QueuePosition {
  itemId: string;
  position: number;
  waitMs: number;
}

/**
 * Position and wait estimate of an entry ("3rd in line, about 6 min"): the rest of the current turn
 * plus, for everyone ahead, the usual length of a turn in this meeting (its average so far, or the
 * limit before anyone has spoken), never more than their limit.
 */
export function queuePosition(s: MeetingState, entryId: string, now: number): QueuePosition | null {
  for (const itemId of Object.keys(s.queue.lists)) {
    const ordered = orderedQueue(s, itemId);
    const idx = ordered.findIndex((o) => o.entry.id === entryId);
    if (idx < 0) continue;
    const cur = s.queue.current;
    let waitMs = cur ? Math.max(0, turnRemainingMs(cur, now)) : 0;
    const avg = averageTurnMs(s.queue.history);
    for (const o of ordered.slice(0, idx)) {
      const limit = entryLimitMs(s, itemId, o.entry);
      waitMs += avg === null ? limit : Math.min(avg, limit);
    }
    return { itemId, position: idx + 1, waitMs };
  }
  return null;
}

/** Estimated wait of an entry, ms, or null if it is not queued. */
export function estimatedWaitMs(s: MeetingState, entryId: string, now: number): number | null {
  return queuePosition(s, entryId, now)?.waitMs ?? null;
}

function averageTurnMs(history: readonly FinishedTurn[]): number | null {
  if (!history.length) return null;
  return Math.round(history.reduce((sum, t) => sum + t.durationMs, 0) / history.length);
}

export interface GroupStat {
  group: StakeholderGroup;
  turns: number;
  totalMs: number;
  averageMs: number;
  /** Share of all speaking time, 0..1. */
  share: number;
  /** Share of the meeting's elapsed agenda time, 0..1. */
  meetingShare: number;
  speakers: number;
}

export interface PersonStat {
  key: string;
  participantId: string | null;
  name: string;
  group: StakeholderGroup;
  affiliation: string;
  inRoom: boolean;
  turns: number;
  totalMs: number;
  averageMs: number;
  share: number;
  meetingShare: number;
  /** Time spoken beyond the limits, summed. */
  overrunMs: number;
}

export interface SpeakingStats {
  /** All speaking time so far, the current turn included. */
  totalMs: number;
  /** Elapsed time of the agenda items (the meeting's running time). */
  meetingMs: number;
  /** Every stakeholder group, in the canonical order, even those who have not spoken. */
  groups: GroupStat[];
  /** People who have spoken, most speaking time first. */
  people: PersonStat[];
}

/** Live statistics at `now`: finished turns plus the current one. */
export function speakingStats(s: MeetingState, now: number): SpeakingStats {
  const turns: Array<Omit<FinishedTurn, 'endedAt' | 'endReason'>> = [...s.queue.history];
  const cur = s.queue.current;
  if (cur) {
    const durationMs = turnElapsedMs(cur, now);
    turns.push({ ...cur, durationMs, overrunMs: Math.max(0, durationMs - cur.limitMs) });
  }
  const totalMs = turns.reduce((sum, t) => sum + t.durationMs, 0);
  const meetingMs = s.agenda.items.reduce((sum, i) => sum + itemElapsedMs(i, now), 0);
  const ratio = (x: number, of: number) => (of > 0 ? x / of : 0);

  const people = new Map<string, PersonStat>();
  for (const t of turns) {
    const key = personKey(t);
    const p = people.get(key) ?? {
      key,
      participantId: t.participantId,
      name: t.name,
      group: t.group,
      affiliation: t.affiliation,
      inRoom: t.inRoom,
      turns: 0,
      totalMs: 0,
      averageMs: 0,
      share: 0,
      meetingShare: 0,
      overrunMs: 0,
    };
    p.turns += 1;
    p.totalMs += t.durationMs;
    p.overrunMs += t.overrunMs;
    people.set(key, p);
  }
  const peopleList = [...people.values()].map((p) => ({
    ...p,
    averageMs: Math.round(p.totalMs / p.turns),
    share: ratio(p.totalMs, totalMs),
    meetingShare: ratio(p.totalMs, meetingMs),
  }));
  peopleList.sort((a, b) => b.totalMs - a.totalMs || a.name.localeCompare(b.name));

  const groups = STAKEHOLDER_GROUPS.map((group): GroupStat => {
    const mine = turns.filter((t) => t.group === group);
    const total = mine.reduce((sum, t) => sum + t.durationMs, 0);
    return {
      group,
      turns: mine.length,
      totalMs: total,
      averageMs: mine.length ? Math.round(total / mine.length) : 0,
      share: ratio(total, totalMs),
      meetingShare: ratio(total, meetingMs),
      speakers: peopleList.filter((p) => p.group === group).length,
    };
  });
  return { totalMs, meetingMs, groups, people: peopleList };
}
