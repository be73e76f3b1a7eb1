/**
 * Poll arithmetic, pure: who may vote, counts, percentages, turnout and the stakeholder-group
 * breakdown, and which of it a given role may see. Nothing here changes state.
 */
import { STAKEHOLDER_GROUPS, type Role, type StakeholderGroup } from '../../common.js';
import type { Participant, MeetingState } from '../state.js';
import type { Poll, PollEligibility, PollStatus, PollTally } from './model.js';

/**
 * Below this many ballots in a stakeholder group, a secret poll's group breakdown is withheld:
 * with fewer, a group's numbers could reveal how an individual voted.
 */
export const MIN_GROUP_BALLOTS_SECRET = 5;

/** Why a participant may not vote in a poll; null means they may. */
export type IneligibleReason = 'not_registered' | 'absent' | 'group_not_eligible';

/** Only registered people vote; projectors, room desks and the system never do. */
export function ineligibleReason(p: Participant | undefined, e: PollEligibility): IneligibleReason | null {
  if (!p) return 'not_registered';
  if (!p.present) return 'absent';
  if (!groupEligible(p.group, e)) return 'group_not_eligible';
  return null;
}

export function groupEligible(g: StakeholderGroup, e: PollEligibility): boolean {
  return e === 'all_present' || e.groups.includes(g);
}

/** Present participants, and those among them the poll's eligibility admits, right now. */
export function presentAndEligible(s: MeetingState, e: PollEligibility): { present: number; eligible: number } {
  let present = 0;
  let eligible = 0;
  for (const p of Object.values(s.participants)) {
    if (!p.present) continue;
    present++;
    if (groupEligible(p.group, e)) eligible++;
  }
  return { present, eligible };
}

export interface OptionResult {
  id: string;
  label: string;
  count: number;
  /** Share of voters who chose this option, 0–100, one decimal (multiple choice may sum past 100). */
  percent: number;
}

export interface GroupResult {
  group: StakeholderGroup;
  voters: number;
  /** Option id → count. */
  counts: Record<string, number>;
}

export type Breakdown =
  | { suppressed: false; groups: GroupResult[] }
  /** A secret poll with a group of fewer than MIN_GROUP_BALLOTS_SECRET ballots, or unattributed ballots. */
  | { suppressed: true; reason: 'small_groups' }
  /** The public projection of an open poll: the breakdown comes with the close (visibility.ts). */
  | { suppressed: true; reason: 'until_closed' };

export interface PollResults {
  pollId: string;
  status: PollStatus;
  options: OptionResult[];
  turnout: {
    voted: number;
    /** Present participants the poll admits: live while open, frozen when the poll closed. */
    eligible: number;
    present: number;
  };
  breakdown: Breakdown;
}

interface Counted {
  choices: string[];
  group: StakeholderGroup | null;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

/** The ballots of a poll without their owners: named votes and secret ballots look the same here. */
function countedBallots(poll: Poll): Counted[] {
  return poll.secret ? Object.values(poll.ballots) : Object.values(poll.votes);
}

/**
 * A poll's numbers without any ballot: counts per option and the group breakdown. From the
 * ballots in the full state; a public projection's poll already holds its tally (visibility.ts).
 */
export function tallyOf(poll: Poll): PollTally {
  if (poll.tally) return poll.tally;
  const ballots = countedBallots(poll);
  const counts: Record<string, number> = Object.fromEntries(poll.options.map((o) => [o.id, 0]));
  const byGroup = new Map<StakeholderGroup, GroupResult>();
  let unattributed = 0;
  for (const b of ballots) {
    for (const c of b.choices) counts[c] = (counts[c] ?? 0) + 1;
    if (b.group === null) {
      unattributed++;
      continue;
    }
    const g = byGroup.get(b.group) ?? { group: b.group, voters: 0, counts: Object.fromEntries(poll.options.map((o) => [o.id, 0])) };
    g.voters++;
    for (const c of b.choices) g.counts[c] = (g.counts[c] ?? 0) + 1;
    byGroup.set(b.group, g);
  }
  const groups = STAKEHOLDER_GROUPS.flatMap((g) => byGroup.get(g) ?? []);
  // One small group is enough to suppress them all: the others' totals would let a reader subtract.
  const tooSmall = poll.secret && (unattributed > 0 || groups.some((g) => g.voters < MIN_GROUP_BALLOTS_SECRET));
  const breakdown: Breakdown = tooSmall ? { suppressed: true, reason: 'small_groups' } : { suppressed: false, groups };
  return { voted: ballots.length, results: { counts, breakdown } };
}

/** Full results of a poll, for moderators and exports; `visibleResults` decides who sees them. */
export function pollResults(s: MeetingState, pollId: string): PollResults | null {
  const poll = s.polls.byId[pollId];
  if (!poll) return null;
  const { voted, results } = tallyOf(poll);
  const live = presentAndEligible(s, poll.eligibility);
  const frozen = poll.turnoutAtClose;
  return {
    pollId,
    status: poll.status,
    options: poll.options.map((o) => {
      const count = results?.counts[o.id] ?? 0;
      return { id: o.id, label: o.label, count, percent: pct(count, voted) };
    }),
    turnout: {
      voted,
      eligible: frozen && poll.status !== 'open' ? frozen.eligible : live.eligible,
      present: frozen && poll.status !== 'open' ? frozen.present : live.present,
    },
    breakdown: results?.breakdown ?? { suppressed: false, groups: [] },
  };
}

/**
 * Whether a role may see a poll's results now. Moderators always may (they run the vote); others
 * see live polls while open, `on_close` polls once closed, and never a draft or a cancelled poll.
 * The server enforces it: the public projection (visibility.ts) holds no numbers a viewer may not see.
 */
export function resultsVisibleTo(poll: Poll, viewer: Role | 'system'): boolean {
  if (viewer === 'moderator' || viewer === 'system') return true;
  switch (poll.status) {
    case 'draft':
    case 'cancelled':
      return false;
    case 'open':
      return poll.resultsVisibility === 'live';
    case 'closed':
    case 'published':
      return true;
    default: {
      const never: never = poll.status;
      return never;
    }
  }
}

/** Results as a viewer with the given role may see them, or null when hidden (or no such poll). */
export function visibleResults(s: MeetingState, pollId: string, viewer: Role | 'system'): PollResults | null {
  const poll = s.polls.byId[pollId];
  if (!poll || !resultsVisibleTo(poll, viewer)) return null;
  return pollResults(s, pollId);
}
