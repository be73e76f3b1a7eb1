/**
 * The speaking-queue store: everything the queue views show, derived from the meeting store's state
 * and its one-second clock (countdowns come from timestamps, so a reconnect or a server restart
 * loses no time), plus the queue commands. Holds no state of its own besides what it derives.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  activeList,
  latestUndoOf,
  undoConflict,
  countdownPhase,
  projectorShowsStats,
  orderedQueue,
  queuePosition,
  speakingStats,
  turnElapsedMs,
  turnRemainingMs,
  type CommandInput,
  type CountdownPhase,
  type CurrentTurn,
  type DomainEvent,
  type MeetingState,
  type Language,
  type OrderedEntry,
  type QueuePolicy,
  type StakeholderGroup,
  type TurnKind,
} from '../../shared/domain/index.js';
import { useMeetingStore } from './meeting.js';

/** The running turn with its clock at the store's `now`. */
export interface TurnClock {
  turn: CurrentTurn;
  elapsedMs: number;
  remainingMs: number;
  phase: CountdownPhase;
  paused: boolean;
  /** The item the turn belongs to, when it is not the current one (the agenda moved on). */
  itemTitle: string | null;
}

/** One of my open requests with where it stands. */
export interface MyRequest {
  ordered: OrderedEntry;
  position: number;
  waitMs: number;
}

export type RemovalReason = 'removed' | 'cleared' | 'undone';

/** Which of these events took my requests (`lost`) off a list, if not me or a refusal (shown apart). */
function removalReason(events: DomainEvent[], lost: Set<string>, me: string | null): RemovalReason | null {
  for (const e of events) {
    if (e.type === 'queue:removed' && lost.has(e.entryId)) return 'removed';
    if (e.type === 'queue:withdrawn' && lost.has(e.entryId) && e.by && e.by !== me) return 'removed';
    if (e.type === 'queue:cleared') return 'cleared';
    if (e.type === 'queue:undone') return 'undone';
  }
  return null;
}

export const useQueueStore = defineStore('queue', () => {
  const meeting = useMeetingStore();

  const list = computed(() => (meeting.state ? activeList(meeting.state) : null));
  const itemId = computed(() => list.value?.itemId ?? null);
  /** The active list in call order, with the reason for each position. */
  const ordered = computed<OrderedEntry[]>(() =>
    meeting.state && itemId.value ? orderedQueue(meeting.state, itemId.value) : [],
  );
  const nextFive = computed(() => ordered.value.slice(0, 5));

  const clock = computed<TurnClock | null>(() => {
    const s = meeting.state;
    const turn = s?.queue.current;
    if (!s || !turn) return null;
    const now = meeting.now;
    const remainingMs = turnRemainingMs(turn, now);
    const item = turn.itemId !== s.agenda.currentItemId ? s.agenda.items.find((i) => i.id === turn.itemId) : undefined;
    return {
      turn,
      elapsedMs: turnElapsedMs(turn, now),
      remainingMs,
      phase: countdownPhase(remainingMs, turn.limitMs),
      paused: turn.pausedAt !== null,
      itemTitle: item?.title ?? null,
    };
  });

  const myId = computed(() => meeting.me?.participantId ?? null);
  const iHaveTheFloor = computed(() => myId.value !== null && clock.value?.turn.participantId === myId.value);

  /** My open requests on the active list, first in line first. */
  const myRequests = computed<MyRequest[]>(() => {
    const s = meeting.state;
    if (!s || !myId.value) return [];
    return ordered.value
      .filter((o) => o.entry.participantId === myId.value)
      .map((o) => ({ ordered: o, position: o.position, waitMs: queuePosition(s, o.entry.id, meeting.now)?.waitMs ?? 0 }));
  });

  /** Refusals of my requests on the active list, newest first. */
  const myRefusals = computed(() =>
    (list.value?.refusals ?? []).filter((r) => r.participantId !== null && r.participantId === myId.value).reverse(),
  );

  /** What a participant may ask for now (the domain re-checks; this only shapes the form). */
  const canRequest = computed(() => {
    const l = list.value;
    const kinds: TurnKind[] = [];
    if (!l) return kinds;
    if (l.status === 'open') kinds.push('normal');
    if (l.status === 'open' || l.allowPointsOfOrder) kinds.push('point_of_order');
    if (l.status === 'open' && clock.value && !iHaveTheFloor.value) kinds.push('reply');
    return kinds;
  });

  const stats = computed(() => (meeting.state ? speakingStats(meeting.state, meeting.now) : null));
  const history = computed(() => meeting.state?.queue.history ?? []);
  /** The projector shows speaking time by group (a moderator setting). */
  const projectorStats = computed(() => (meeting.state ? projectorShowsStats(meeting.state.queue) : true));
  /** My own last action that an undo would revert (undo is per moderator), for the undo button's label. */
  const undoTop = computed(() => (meeting.state ? latestUndoOf(meeting.state.queue, myId.value) : null));

  /**
   * Why one of my requests left the list without me taking it back or getting the floor: a moderator
   * removed it, cleared the list, or undid the action that had put it there. Shown until dismissed.
   */
  /** My last action no longer fits what others did since: the server would refuse its undo (`queue.undo_conflict`). */
  const undoBlocked = computed(() => !!meeting.state && !!undoTop.value && undoConflict(meeting.state.queue, undoTop.value) !== null);

  const removalNotice = ref<RemovalReason | null>(null);
  const myEntries = (s: MeetingState) =>
    new Set(Object.values(s.queue.lists).flatMap((l) => l.entries.filter((e) => e.participantId === myId.value).map((e) => e.id)));
  let mine = meeting.state ? myEntries(meeting.state) : new Set<string>();
  meeting.onEvents((events, s) => {
    const before = mine;
    mine = myEntries(s);
    const lost = [...before].filter((id) => !mine.has(id) && s.queue.current?.entryId !== id);
    if (!lost.length || !events.length) return;
    const reason = removalReason(events, new Set(lost), myId.value);
    if (reason) removalNotice.value = reason;
  });

  const send = (c: CommandInput) => meeting.send(c);

  return {
    list,
    itemId,
    ordered,
    nextFive,
    clock,
    iHaveTheFloor,
    myRequests,
    myRefusals,
    canRequest,
    stats,
    history,
    projectorStats,
    undoTop,
    undoBlocked,
    removalNotice,
    dismissRemoval: () => (removalNotice.value = null),
    // participants
    /** `language`: what I will speak in (the booths' consoles show it); omitted = my profile's language. */
    request: (kind: TurnKind, note: string, language?: Language) =>
      send({ type: 'queue:request', kind, note, ...(language ? { language } : {}) }),
    withdraw: (entryId: string) => send({ type: 'queue:withdraw', entryId }),
    /** The floor holder ends their own turn (works with or without audio). */
    yieldFloor: () => send({ type: 'queue:yield' }),
    // moderators
    next: () => send({ type: 'queue:next' }),
    give: (entryId: string) => send({ type: 'queue:give', entryId }),
    pause: () => send({ type: 'queue:pause' }),
    resume: () => send({ type: 'queue:resume' }),
    togglePause: () => send({ type: clock.value?.paused ? 'queue:resume' : 'queue:pause' }),
    end: () => send({ type: 'queue:end' }),
    putBack: () => send({ type: 'queue:putBack' }),
    remove: (entryId: string) => send({ type: 'queue:remove', entryId }),
    refuse: (entryId: string, reason: string) => send({ type: 'queue:refuse', entryId, reason }),
    move: (entryId: string, toIndex: number) => send({ type: 'queue:move', entryId, toIndex }),
    close: (allowPointsOfOrder: boolean) => send({ type: 'queue:close', allowPointsOfOrder }),
    reopen: () => send({ type: 'queue:reopen' }),
    clear: () => send({ type: 'queue:clear' }),
    undo: () => send(undoTop.value ? { type: 'queue:undo', version: undoTop.value.version } : { type: 'queue:undo' }),
    setPolicy: (policy: QueuePolicy) => send({ type: 'queue:setPolicy', policy }),
    setTimeLimit: (seconds: number | null) => send({ type: 'queue:setTimeLimit', seconds }),
    setSpeakerLimit: (seconds: number, entryId?: string) =>
      send(entryId ? { type: 'queue:setSpeakerLimit', seconds, entryId } : { type: 'queue:setSpeakerLimit', seconds }),
    allowMultiple: (allow: boolean) => send({ type: 'queue:allowMultiple', allow }),
    setProjectorStats: (show: boolean) => send({ type: 'queue:setProjectorStats', show }),
    /** `language`: what they will speak in (omitted: a participant's profile language, or not stated). */
    addParticipant: (participantId: string, kind: TurnKind = 'normal', language?: Language) =>
      send({ type: 'queue:add', speaker: { participantId }, kind, ...(language ? { language } : {}) }),
    addFloorSpeaker: (speaker: { name: string; group: StakeholderGroup; affiliation: string }, kind: TurnKind = 'normal', language?: Language) =>
      send({ type: 'queue:add', speaker: { ...speaker, inRoom: true }, kind, ...(language ? { language } : {}) }),
  };
});
