/**
 * The meeting store: the state the client library keeps in step with the server, as reactive data
 * for every page, plus `send` for commands. Later domains (queue, polls, audio) get their own
 * stores that derive from this one: read `state`, call `send`, subscribe with `onEvents`.
 * Components never touch the socket; `lib/session.ts` attaches the page's one client here.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  STAKEHOLDER_GROUPS,
  activeInvites,
  isRemoved,
  itemElapsedMs,
  type AgendaItem,
  type CommandInput,
  type DomainEvent,
  type MeetingState,
  type Participant,
  type StakeholderGroup,
} from '../../shared/domain/index.js';
import type { Ack, AckError, InviteRequest, InviteResult, Me } from '../../shared/protocol.js';
import type { ConnectionStatus, PlenaryClient } from '../lib/plenary-client.js';

/** An agenda item with the figures a view needs, recomputed every second. */
export interface AgendaRow {
  item: AgendaItem;
  index: number;
  status: 'done' | 'current' | 'upcoming';
  elapsedMs: number;
  plannedMs: number;
  /** Positive once the item ran past its planned time. */
  overrunMs: number;
}

/** Present participants of one stakeholder group, split by where they sit. */
export interface GroupPresence {
  group: StakeholderGroup;
  inRoom: Participant[];
  remote: Participant[];
}

type EventsListener = (events: DomainEvent[], state: MeetingState) => void;

const notConnected: AckError = { code: 'offline', message: 'Not connected to a meeting' };

const byName = (a: Participant, b: Participant) => a.name.localeCompare(b.name);

export const useMeetingStore = defineStore('meeting', () => {
  /** The whole meeting state; replaced (never mutated) on every change, hence a shallowRef. */
  const state = shallowRef<MeetingState | null>(null);
  const me = shallowRef<Me | null>(null);
  const status = ref<ConnectionStatus>('connecting');
  /** Why the connection failed (when status is `failed`). */
  const statusError = shallowRef<AckError | null>(null);
  /** The last refused command or request, for display; cleared by the next success or `clearError`. */
  const lastError = shallowRef<AckError | null>(null);
  /** Server time (ms), ticking every second: countdowns and elapsed times derive from it. */
  const now = ref(Date.now());

  let client: PlenaryClient | null = null;
  let detachers: Array<() => void> = [];
  let ticker: ReturnType<typeof setInterval> | null = null;
  const eventListeners = new Set<EventsListener>();

  /** Wires a client in; called once per page by `lib/session.ts`. */
  function attach(c: PlenaryClient): void {
    detach();
    client = c;
    state.value = c.state;
    me.value = c.me;
    status.value = c.status;
    detachers.push(
      c.onChange((s, events) => {
        state.value = s;
        me.value = c.me;
        now.value = c.now();
        for (const l of eventListeners) l(events, s);
      }),
      c.onStatus((st, err) => {
        status.value = st;
        statusError.value = st === 'failed' ? (err ?? null) : null;
        // "You are offline: not sent" is over once the connection is back.
        if (st === 'connected' && lastError.value?.code === 'offline') lastError.value = null;
        me.value = c.me;
      }),
    );
    if (!ticker) ticker = setInterval(() => (now.value = client ? client.now() : Date.now()), 1000);
  }

  function detach(): void {
    for (const d of detachers) d();
    detachers = [];
    client = null;
  }

  /** Sends a domain command; resolves to the ack and records a refusal in `lastError`. */
  async function send(command: CommandInput): Promise<Ack<{ version: number }>> {
    if (!client) return record({ ok: false, error: notConnected });
    return record(await client.send(command));
  }

  /** Moderators: mints an invite link for a role. */
  async function createInvite(req: InviteRequest): Promise<Ack<InviteResult>> {
    if (!client) return record({ ok: false, error: notConnected });
    return record(await client.createInvite(req));
  }

  function record<T>(ack: Ack<T>): Ack<T> {
    lastError.value = ack.ok ? null : ack.error;
    return ack;
  }

  function clearError(): void {
    lastError.value = null;
  }

  /** Subscribe to applied events (e.g. to announce or to react in another store). */
  function onEvents(listener: EventsListener): () => void {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  }

  const version = computed(() => state.value?.version ?? 0);
  const info = computed(() => state.value?.info ?? null);
  const isModerator = computed(() => me.value?.role === 'moderator');
  const everyone = computed(() => Object.values(state.value?.participants ?? {}).sort(byName));
  /** People in the meeting; those the moderator removed are in `removedParticipants` instead. */
  const participants = computed(() => everyone.value.filter((p) => !isRemoved(p)));
  const removedParticipants = computed(() => everyone.value.filter((p) => isRemoved(p)));
  /** Moderators: invitation links still usable (not revoked, not expired), newest first. */
  const invites = computed(() => (state.value ? activeInvites(state.value, now.value) : []));
  const presentParticipants = computed(() => participants.value.filter((p) => p.present));
  const myParticipant = computed(() => {
    const id = me.value?.participantId;
    return (id && state.value?.participants[id]) || null;
  });

  /** Interpreters present (they work in a booth; they do not speak for a stakeholder group). */
  const presentInterpreters = computed(() => presentParticipants.value.filter((p) => p.role === 'interpreter'));
  /** Present people by stakeholder group (groups with nobody present are left out); interpreters apart. */
  const presenceByGroup = computed<GroupPresence[]>(() =>
    STAKEHOLDER_GROUPS.map((group) => {
      const inGroup = presentParticipants.value.filter((p) => p.group === group && p.role !== 'interpreter');
      return { group, inRoom: inGroup.filter((p) => p.inRoom), remote: inGroup.filter((p) => !p.inRoom) };
    }).filter((g) => g.inRoom.length + g.remote.length > 0),
  );

  const agenda = computed<AgendaRow[]>(() => {
    const s = state.value;
    if (!s) return [];
    return s.agenda.items.map((item, index) => {
      const elapsedMs = itemElapsedMs(item, now.value);
      const plannedMs = item.plannedMinutes * 60_000;
      const status: AgendaRow['status'] =
        item.id === s.agenda.currentItemId ? 'current' : item.startedAt !== null ? 'done' : 'upcoming';
      return { item, index, status, elapsedMs, plannedMs, overrunMs: Math.max(0, elapsedMs - plannedMs) };
    });
  });

  const currentItem = computed(() => agenda.value.find((r) => r.status === 'current') ?? null);
  /** The item after the current one (or the first, when none is current). */
  const nextItem = computed(() => {
    const rows = agenda.value;
    const cur = currentItem.value;
    return cur ? (rows[cur.index + 1] ?? null) : (rows[0] ?? null);
  });

  return {
    state,
    me,
    status,
    statusError,
    lastError,
    now,
    version,
    info,
    isModerator,
    participants,
    removedParticipants,
    invites,
    presentParticipants,
    myParticipant,
    presenceByGroup,
    presentInterpreters,
    agenda,
    currentItem,
    nextItem,
    attach,
    detach,
    send,
    createInvite,
    clearError,
    onEvents,
  };
});
