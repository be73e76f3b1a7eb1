/**
 * The interpretation store: booths, who is on air, the handover in progress, the speaker's declared
 * language and the "slow down" signals, all derived from the meeting state (shared/domain/meeting/
 * interpretation); plus the booth commands. Sound (what the console hears, the booth microphone,
 * listener counts per channel) is the audio store's.
 */
import { defineStore } from 'pinia';
import { computed } from 'vue';
import {
  boothInterpreters,
  boothList,
  type Booth,
  type ChannelId,
  type Language,
  type Participant,
} from '../../shared/domain/index.js';
import type { Ack } from '../../shared/protocol.js';
import { useAudioStore } from './audio.js';
import { useMeetingStore } from './meeting.js';

/** A booth as the moderator's overview shows it. */
export interface BoothRow {
  language: Language;
  onAirName: string | null;
  source: ChannelId;
  interpreters: Participant[];
}

/** A "slow down" signal still shown to the chair (until a moderator dismisses it). */
export interface SlowDownSignal {
  id: string;
  language: Language;
  at: number;
}

export const useInterpretationStore = defineStore('interpretation', () => {
  const meeting = useMeetingStore();
  const audio = useAudioStore();

  const nameOf = (id: string | null) => (id ? (meeting.state?.participants[id]?.name ?? '') : null);

  /** The language of my booth (interpreters only). */
  const myBooth = computed<Language | null>(() => meeting.myParticipant?.booth ?? null);
  const booth = computed<Booth | null>(() => (myBooth.value ? (meeting.state?.interpretation?.booths[myBooth.value] ?? null) : null));
  const myId = computed(() => meeting.me?.participantId ?? null);
  const iAmOnAir = computed(() => !!booth.value && booth.value.onAir === myId.value);
  const onAirName = computed(() => (booth.value?.onAir ? nameOf(booth.value.onAir) : null));

  /** My booth colleague (the first other interpreter of the booth, preferring one who is here). */
  const partner = computed<Participant | null>(() => {
    const s = meeting.state;
    if (!s || !myBooth.value) return null;
    const others = boothInterpreters(s, myBooth.value).filter((p) => p.id !== myId.value);
    return others.find((p) => p.present) ?? others[0] ?? null;
  });

  /** A handover in progress in my booth, as I see it. */
  const handover = computed(() => {
    const p = booth.value?.pending;
    if (!p || !myId.value) return null;
    if (p.to === myId.value) return { kind: p.askedBy === 'from' ? ('offeredToMe' as const) : ('iAsked' as const), other: nameOf(p.from) ?? '' };
    if (p.from === myId.value) return { kind: p.askedBy === 'to' ? ('askedOfMe' as const) : ('iOffered' as const), other: nameOf(p.to) ?? '' };
    return null;
  });

  const booths = computed<BoothRow[]>(() => {
    const s = meeting.state;
    if (!s) return [];
    return boothList(s).map((b) => ({
      language: b.language,
      onAirName: nameOf(b.onAir),
      source: b.source,
      interpreters: boothInterpreters(s, b.language),
    }));
  });

  const slowDowns = computed<SlowDownSignal[]>(() =>
    (meeting.state ? boothList(meeting.state) : [])
      .flatMap((b) => (b.slowDown ? [{ id: `${b.language}:${b.slowDown.at}`, language: b.language, at: b.slowDown.at }] : []))
      .sort((a, b) => b.at - a.at),
  );

  /** The language the current speaker declared (absent when not stated). */
  const speakerLanguage = computed<Language | null>(() => meeting.state?.queue.current?.language ?? null);

  const send = (c: Parameters<typeof meeting.send>[0]): Promise<Ack<{ version: number }>> => meeting.send(c);

  return {
    myBooth,
    booth,
    iAmOnAir,
    onAirName,
    partner,
    handover,
    booths,
    slowDowns,
    speakerLanguage,
    /** Listeners per channel (moderators; from the server's audio counts). */
    listeners: computed(() => audio.channelListeners),
    /** On air, or (when a colleague is on air) ask them to hand over / accept their offer. */
    goOnAir: () => send({ type: 'booth:takeAir' }),
    goOffAir: () => send({ type: 'booth:leaveAir' }),
    /** Offer the booth to the partner (or accept their request): they go on air when they take it. */
    handOver: () => (partner.value ? send({ type: 'booth:handover', to: partner.value.id }) : Promise.resolve(null)),
    cancelHandover: () => send({ type: 'booth:cancelHandover' }),
    /** What my booth interprets from: the floor, or another booth (relay). */
    setSource: (source: ChannelId) => send({ type: 'booth:setSource', source }),
    slowDown: () => send({ type: 'booth:slowDown' }),
    /** Moderators: take a booth off air (its listeners hear the floor until an interpreter goes on air). */
    takeOffAir: (language: Language) => send({ type: 'booth:leaveAir', language }),
    /** Moderators: the slow-down signal was seen. */
    dismissSlowDown: (id: string) => send({ type: 'booth:clearSlowDown', language: id.split(':')[0] as Language }),
  };
});
