/**
 * The consultation store: the public view of one consultation (phases, calls, meetings, feed and
 * compilation links), read over HTTP without a token, and a clock that ticks every second so
 * statuses and countdowns move on their own. Statuses are computed here from the server's instants
 * and the server's time (offset from its answer), never from the viewer's wall clock alone.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Language } from '../../shared/domain/common.js';
import { currentLocale } from '../i18n/index.js';
import { statusAt, translated, type PhaseStatus, type Translatable } from '../../shared/domain/index.js';
import { consultationApi, type PublicConsultation } from '../lib/consultation-api.js';
import type { ApiError } from '../lib/http-api.js';

/** upcoming / open / closed — the domain's rule (`statusAt`), applied here to the ticking clock. */
export type TimeStatus = PhaseStatus;

/** A translatable text for a reader: their language, else the original (the domain's `translated`). */
export function textFor(t: Translatable | string | undefined | null, lang: Language): string {
  if (!t) return '';
  return typeof t === 'string' ? t : translated(t, lang).text;
}

export interface MeetingLink {
  id: string;
  title: string;
  kind: 'virtual' | 'hybrid' | 'in-person';
  /** ISO instants with the host offset, as the meeting stores them. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  status: TimeStatus;
  /** Public registration link while the meeting has not ended. */
  joinUrl: string | null;
}

export interface PhaseView {
  id: string;
  kind: 'opening' | 'meeting' | 'deadline' | 'briefing';
  title: string;
  description: string;
  startsAt: number;
  endsAt: number;
  allDay: boolean;
  status: TimeStatus;
  meetings: MeetingLink[];
}

export interface CallView {
  id: string;
  kind: 'thematic' | 'format' | 'hlt-nomination' | 'regional-input';
  title: string;
  description: string;
  /** Submissions received so far (public figure). */
  received: number;
  /** Earlier deadlines, when the secretariat moved this one. */
  extensions: Array<{ from: string; to: string; at: number; reason: string }>;
  opensAt: number;
  closesAt: number;
  deadline: string;
  status: TimeStatus;
}

/** See `agendaLinkLabel` in the store. */
export interface AgendaLinkLabel {
  meeting: string;
  item: string;
  removed: boolean;
}

export const useConsultationStore = defineStore('consultation', () => {
  const view = shallowRef<PublicConsultation | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** Server time (ms): the local clock corrected by the offset measured on the last answer. */
  const now = ref(Date.now());
  const lang = ref<Language>(currentLocale());
  let offsetMs = 0;
  let ticker: ReturnType<typeof setInterval> | null = null;

  const id = computed(() => view.value?.id ?? '');
  const hostZone = computed(() => view.value?.timeZone ?? 'UTC');
  const title = computed(() => textFor(view.value?.title, lang.value));
  const description = computed(() => textFor(view.value?.description, lang.value));
  const links = computed(() => view.value?.links ?? null);

  const phases = computed<PhaseView[]>(() =>
    (view.value?.phases ?? []).map((p) => ({
      id: p.id,
      kind: p.kind,
      title: textFor(p.title, lang.value),
      description: textFor(p.description, lang.value),
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      allDay: p.allDay,
      status: statusAt(p.startsAt, p.endsAt, now.value),
      meetings: p.meetings.map((m) => ({ ...m, status: statusAt(Date.parse(m.startsAt), Date.parse(m.endsAt), now.value) })),
    })),
  );

  const calls = computed<CallView[]>(() =>
    (view.value?.calls ?? []).map((c) => ({
      id: c.id,
      kind: c.kind,
      title: textFor(c.title, lang.value),
      description: textFor(c.description, lang.value),
      received: c.received,
      extensions: c.extensions,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      deadline: c.deadline,
      status: statusAt(c.opensAt, c.closesAt, now.value),
    })),
  );

  const callById = (callId: string) => calls.value.find((c) => c.id === callId) ?? null;

  /** Every meeting linked to a phase, once, in timeline order, with its agenda (id and title, in order). */
  const meetings = computed(() => {
    const seen = new Map<string, { id: string; title: string; agenda: Array<{ id: string; title: string }> }>();
    for (const p of view.value?.phases ?? []) {
      for (const m of p.meetings) if (!seen.has(m.id)) seen.set(m.id, { id: m.id, title: m.title, agenda: m.agenda });
    }
    return [...seen.values()];
  });

  /**
   * How to name a submission's link to an agenda item: the meeting's and the item's titles.
   * `removed` when the meeting is one of the consultation's but the item is no longer on its
   * agenda (then `item` is the id, for the secretariat to recognise). A meeting outside the
   * consultation's phases is not described by the public data: both fall back to their ids.
   */
  function agendaLinkLabel(meetingId: string, itemId: string): AgendaLinkLabel {
    const m = meetings.value.find((x) => x.id === meetingId);
    if (!m) return { meeting: meetingId, item: itemId, removed: false };
    const item = m.agenda.find((i) => i.id === itemId);
    return { meeting: m.title, item: item?.title ?? itemId, removed: !item };
  }

  function startTicking(): void {
    if (ticker) return;
    ticker = setInterval(() => (now.value = Date.now() + offsetMs), 1000);
  }

  /** Loads the consultation (`null`: the server's default one, which `/` shows). */
  async function load(consultationId: string | null): Promise<void> {
    loading.value = true;
    error.value = null;
    const sentAt = Date.now();
    const res = await consultationApi.get(consultationId);
    loading.value = false;
    if (!res.ok) {
      error.value = res.error;
      return;
    }
    // Half the round trip is the best guess for when the server read its clock.
    offsetMs = res.data.now - (sentAt + Date.now()) / 2;
    now.value = Date.now() + offsetMs;
    view.value = res.data;
    startTicking();
  }

  /** Follows the UI language (titles and descriptions are translatable fields). */
  function setLanguage(l: Language): void {
    lang.value = l;
  }

  return { view, loading, error, now, lang, id, hostZone, title, description, links, phases, calls, meetings, agendaLinkLabel, callById, load, setLanguage };
});
