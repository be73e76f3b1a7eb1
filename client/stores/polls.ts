/**
 * The polls store: derives everything from the meeting store's state (the same reducer as the
 * server). Moderators hold the full state; everyone else holds the public projection, with no
 * ballots and only the numbers they may see (shared/domain/meeting/visibility.ts), so `results` works the
 * same for both. What *I* voted is remembered from my own acknowledged votes (memory +
 * sessionStorage); for a named poll, my own join snapshot also carries it (see docs/polls.md).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  ineligibleReason,
  myNamedVote,
  visibleResults,
  type CommandInput,
  type IneligibleReason,
  type Poll,
  type PollDraftInput,
  type PollResults,
} from '../../shared/domain/index.js';
import type { Ack } from '../../shared/protocol.js';
import { meetingExportUrl } from '../lib/session.js';
import { useMeetingStore } from './meeting.js';

/** What the participant page shows about their own vote in a poll. */
export type MyVote = { choices: string[] } | null;

type PollAction = 'open' | 'close' | 'reopen' | 'publish' | 'cancel' | 'showOnProjector';

const storageKey = (meetingId: string, participantId: string) => `plenary:ballots:${meetingId}:${participantId}`;

export const usePollsStore = defineStore('polls', () => {
  const meeting = useMeetingStore();
  /** My acknowledged choices by poll id (this device only): the public state holds no ballots. */
  const myVotes = ref<Record<string, string[]>>({});
  /** Poll id of a vote in flight, to disable the button and show "sending". */
  const voting = ref<string | null>(null);
  let loadedFor = '';

  /** Reloads remembered votes when the person or meeting changes. */
  function ensureLoaded(): void {
    const me = meeting.me;
    const key = me?.participantId ? storageKey(me.meetingId, me.participantId) : '';
    if (key === loadedFor) return;
    loadedFor = key;
    myVotes.value = {};
    if (!key) return;
    try {
      myVotes.value = JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<string, string[]>;
    } catch {
      // Unreadable or disabled storage: we simply do not remember across reloads.
    }
  }

  function remember(pollId: string, choices: string[]): void {
    ensureLoaded();
    myVotes.value = { ...myVotes.value, [pollId]: choices };
    try {
      if (loadedFor) sessionStorage.setItem(loadedFor, JSON.stringify(myVotes.value));
    } catch {
      // See ensureLoaded.
    }
  }

  /** All polls, newest first; cancelled ones only for moderators. */
  const polls = computed<Poll[]>(() => {
    const s = meeting.state;
    if (!s) return [];
    const all = [...s.polls.order].reverse().flatMap((id) => s.polls.byId[id] ?? []);
    return meeting.isModerator ? all : all.filter((p) => p.status !== 'draft' && p.status !== 'cancelled');
  });

  /** Polls a participant should see first: open ones, then the most recent closed or published. */
  const openPolls = computed(() => polls.value.filter((p) => p.status === 'open'));
  const projectorPoll = computed<Poll | null>(() => {
    const s = meeting.state;
    const id = s?.polls.projectorPollId;
    return (id && s?.polls.byId[id]) || null;
  });

  function results(pollId: string): PollResults | null {
    const s = meeting.state;
    const role = meeting.me?.role;
    return s && role ? visibleResults(s, pollId, role) : null;
  }

  /** Why I cannot vote in this poll, or null if I can (status aside). */
  function whyIneligible(poll: Poll): IneligibleReason | null {
    const s = meeting.state;
    const pid = meeting.me?.participantId;
    return ineligibleReason(s && pid ? s.participants[pid] : undefined, poll.eligibility);
  }

  function myVote(poll: Poll): MyVote {
    ensureLoaded();
    const c = myVotes.value[poll.id];
    if (c) return { choices: c };
    // Named polls: the moderator's state, or my own join snapshot, holds my vote.
    const named = myNamedVote(poll, meeting.me?.participantId ?? null);
    return named ? { choices: named.choices } : null;
  }

  /** Milliseconds until the time limit closes the poll, or null without one. */
  function remainingMs(poll: Poll): number | null {
    return poll.status === 'open' && poll.closesAt !== null ? Math.max(0, poll.closesAt - meeting.now) : null;
  }

  async function vote(pollId: string, choices: string[]): Promise<Ack<{ version: number }>> {
    voting.value = pollId;
    try {
      const ack = await meeting.send({ type: 'poll:vote', pollId, choices });
      if (ack.ok) remember(pollId, [...choices].sort());
      return ack;
    } finally {
      voting.value = null;
    }
  }

  const create = (draft: PollDraftInput) => meeting.send({ type: 'poll:create', ...draft } as CommandInput);
  const update = (pollId: string, changes: Partial<PollDraftInput>) =>
    meeting.send({ type: 'poll:update', pollId, changes } as CommandInput);
  const act = (action: PollAction, pollId: string) => meeting.send({ type: `poll:${action}`, pollId } as CommandInput);
  const hideFromProjector = () => meeting.send({ type: 'poll:hideFromProjector' });

  /** The CSV export link (moderators), with the session token so a plain download works. */
  const csvUrl = computed(() => (meeting.me ? meetingExportUrl('polls.csv') : null));

  return {
    polls,
    openPolls,
    projectorPoll,
    voting,
    results,
    whyIneligible,
    myVote,
    remainingMs,
    vote,
    create,
    update,
    act,
    hideFromProjector,
    csvUrl,
  };
});
