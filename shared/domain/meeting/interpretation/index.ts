/**
 * Simultaneous interpretation as a concern of the meeting: booths are opened by a moderator (or by
 * the server when it mints an interpreter link), an interpreter goes on air in their own booth, only
 * one at a time per booth (enforced here), and hands over to a booth colleague in two steps (one
 * offers, the other takes air — or one asks, the other hands over), so nobody is cut off mid-sentence.
 * A colleague may take over at once when the one on air has left the meeting. A booth interprets
 * from the floor or relays another booth; interpreters can ask the chair to slow the speaker down.
 *
 * Audio follows this state (server/audio): an on-air interpreter's microphone is live into the
 * booth's channel; every other interpreter microphone is held.
 */
import { z } from 'zod';
import { Id, Language, fail, ok, type Actor, type Result } from '../../common.js';
import { defineConcern, type MeetingState } from '../state.js';
import {
  ChannelId,
  boothOf,
  initialInterpretation,
  isInterpreterOf,
  relayAllowed,
  type AirSpell,
  type Booth,
  type InterpretationState,
  type PendingHandover,
} from './model.js';

export * from './model.js';

/** Repeated "slow down" presses within this window are one signal (no spamming the chair). */
export const SLOW_DOWN_REPEAT_MS = 10_000;

export const interpretationCommands = [
  z.object({ type: z.literal('booth:open'), language: Language }),
  z.object({ type: z.literal('booth:close'), language: Language }),
  /** An interpreter goes on air in their booth (or asks the colleague on air to hand over). */
  z.object({ type: z.literal('booth:takeAir') }),
  /** Off air: an interpreter their own booth; a moderator names the booth. */
  z.object({ type: z.literal('booth:leaveAir'), language: Language.optional() }),
  /** The interpreter on air offers the booth to a colleague (or accepts the colleague's request). */
  z.object({ type: z.literal('booth:handover'), to: Id }),
  z.object({ type: z.literal('booth:cancelHandover') }),
  /** What the booth interprets from: the floor, or another booth (relay). Moderators name the booth. */
  z.object({ type: z.literal('booth:setSource'), source: ChannelId, language: Language.optional() }),
  z.object({ type: z.literal('booth:slowDown') }),
  z.object({ type: z.literal('booth:clearSlowDown'), language: Language }),
] as const;

export type InterpretationEvent =
  | { type: 'booth:opened'; at: number; language: Language }
  | { type: 'booth:closed'; at: number; language: Language }
  /** `previous`: the colleague it was handed over from (or taken over from, when they had left). */
  | { type: 'booth:onAir'; at: number; language: Language; interpreterId: string; previous: string | null }
  /** `by`: who took it off air (the interpreter, or a moderator). */
  | { type: 'booth:offAir'; at: number; language: Language; interpreterId: string; by: string | null }
  | { type: 'booth:handoverPending'; at: number; language: Language; pending: PendingHandover }
  | { type: 'booth:handoverCancelled'; at: number; language: Language }
  | { type: 'booth:sourceSet'; at: number; language: Language; source: ChannelId }
  | { type: 'booth:slowDownSignalled'; at: number; language: Language; by: string }
  | { type: 'booth:slowDownCleared'; at: number; language: Language };

const isMod = (a: Actor) => a.role === 'moderator' || a.role === 'system';

/** The booth of the acting interpreter; refused for anyone who is not one. */
function ownBooth(s: MeetingState, a: Actor): Result<Booth> {
  const p = a.participantId ? s.participants[a.participantId] : undefined;
  if (!p || p.role !== 'interpreter' || !p.booth) return fail('booth.not_interpreter', 'Only an interpreter of a booth can do this');
  const booth = boothOf(s, p.booth);
  if (!booth) return fail('booth.not_found', 'This booth is not open', { language: p.booth });
  return ok(booth);
}

/** The booth a command is about: the moderator's named one, or the interpreter's own. */
function targetBooth(s: MeetingState, a: Actor, language: Language | undefined): Result<Booth> {
  if (isMod(a)) {
    if (!language) return fail('bad_request', 'Name the booth (language)');
    const booth = boothOf(s, language);
    return booth ? ok(booth) : fail('booth.not_found', 'This booth is not open', { language });
  }
  const own = ownBooth(s, a);
  if (!own.ok) return own;
  if (language && language !== own.value.language) return fail('forbidden', 'Interpreters act on their own booth only');
  return own;
}

const onAir = (b: Booth, interpreterId: string, previous: string | null, at: number): InterpretationEvent => ({
  type: 'booth:onAir',
  at,
  language: b.language,
  interpreterId,
  previous,
});

export const interpretationConcern = defineConcern<InterpretationEvent>()({
  commands: interpretationCommands,
  decide: {
    'booth:open': (s, c, _a, now) => (boothOf(s, c.language) ? ok([]) : ok([{ type: 'booth:opened', at: now, language: c.language }])),
    'booth:close': (s, c, _a, now) => (boothOf(s, c.language) ? ok([{ type: 'booth:closed', at: now, language: c.language }]) : ok([])),
    'booth:takeAir': (s, _c, a, now) => {
      const own = ownBooth(s, a);
      if (!own.ok) return own;
      const b = own.value;
      const me = a.participantId as string;
      if (b.onAir === me) return ok([]);
      if (b.onAir === null) return ok([onAir(b, me, null, now)]);
      const holder = s.participants[b.onAir];
      // The colleague on air left (or was removed): take over at once, nobody is cut off.
      if (!isInterpreterOf(holder, b.language) || !holder.present) return ok([onAir(b, me, b.onAir, now)]);
      if (b.pending?.to === me && b.pending.from === b.onAir && b.pending.askedBy === 'from') return ok([onAir(b, me, b.onAir, now)]);
      if (b.pending?.to === me && b.pending.askedBy === 'to') return ok([]);
      const pending: PendingHandover = { from: b.onAir, to: me, askedBy: 'to', at: now };
      return ok([{ type: 'booth:handoverPending', at: now, language: b.language, pending }]);
    },
    'booth:leaveAir': (s, c, a, now) => {
      const t = targetBooth(s, a, c.language);
      if (!t.ok) return t;
      const b = t.value;
      if (b.onAir === null) return ok([]);
      if (!isMod(a) && b.onAir !== a.participantId) return fail('booth.not_on_air', 'You are not on air');
      return ok([{ type: 'booth:offAir', at: now, language: b.language, interpreterId: b.onAir, by: a.participantId }]);
    },
    'booth:handover': (s, c, a, now) => {
      const own = ownBooth(s, a);
      if (!own.ok) return own;
      const b = own.value;
      const from = b.onAir;
      if (from === null || from !== a.participantId) return fail('booth.not_on_air', 'Only the interpreter on air can hand over');
      if (c.to === from || !isInterpreterOf(s.participants[c.to], b.language)) {
        return fail('booth.invalid_handover', 'Hand over to another interpreter of this booth');
      }
      if (b.pending?.to === c.to && b.pending.askedBy === 'to') return ok([onAir(b, c.to, from, now)]);
      if (b.pending?.to === c.to && b.pending.askedBy === 'from') return ok([]);
      const pending: PendingHandover = { from, to: c.to, askedBy: 'from', at: now };
      return ok([{ type: 'booth:handoverPending', at: now, language: b.language, pending }]);
    },
    'booth:cancelHandover': (s, _c, a, now) => {
      const own = ownBooth(s, a);
      if (!own.ok) return own;
      const p = own.value.pending;
      if (!p || (p.from !== a.participantId && p.to !== a.participantId)) return ok([]);
      return ok([{ type: 'booth:handoverCancelled', at: now, language: own.value.language }]);
    },
    'booth:setSource': (s, c, a, now) => {
      const t = targetBooth(s, a, c.language);
      if (!t.ok) return t;
      const b = t.value;
      if (b.source === c.source) return ok([]);
      if (!relayAllowed(s, b.language, c.source)) {
        return fail('booth.invalid_relay', 'A booth can relay another open booth, never itself or in a loop');
      }
      return ok([{ type: 'booth:sourceSet', at: now, language: b.language, source: c.source }]);
    },
    'booth:slowDown': (s, _c, a, now) => {
      const own = ownBooth(s, a);
      if (!own.ok) return own;
      const last = own.value.slowDown;
      if (last && now - last.at < SLOW_DOWN_REPEAT_MS) return ok([]);
      return ok([{ type: 'booth:slowDownSignalled', at: now, language: own.value.language, by: a.participantId as string }]);
    },
    'booth:clearSlowDown': (s, c, _a, now) => {
      const b = boothOf(s, c.language);
      if (!b) return fail('booth.not_found', 'This booth is not open', { language: c.language });
      return b.slowDown ? ok([{ type: 'booth:slowDownCleared', at: now, language: c.language }]) : ok([]);
    },
  },
  apply: {
    'booth:opened': (s, e) =>
      withBooths(s, (st) => ({
        ...st,
        booths: { ...st.booths, [e.language]: { language: e.language, onAir: null, onAirSince: null, source: 'floor', pending: null, slowDown: null } },
      })),
    'booth:closed': (s, e) =>
      withBooths(s, (st) => {
        const { [e.language]: _gone, ...rest } = st.booths;
        // Booths relaying the closed one go back to the floor.
        const booths = Object.fromEntries(
          (Object.entries(rest) as Array<[Language, Booth]>).map(([l, b]) => [l, b.source === e.language ? { ...b, source: 'floor' as const } : b]),
        ) as InterpretationState['booths'];
        return { booths, log: closeSpell(st.log, e.language, e.at) };
      }),
    'booth:onAir': (s, e) =>
      withBooths(s, (st) => ({
        booths: patch(st, e.language, { onAir: e.interpreterId, onAirSince: e.at, pending: null }),
        log: [...closeSpell(st.log, e.language, e.at), { booth: e.language, interpreterId: e.interpreterId, from: e.at, to: null }],
      })),
    'booth:offAir': (s, e) =>
      withBooths(s, (st) => ({
        booths: patch(st, e.language, { onAir: null, onAirSince: null, pending: null }),
        log: closeSpell(st.log, e.language, e.at),
      })),
    'booth:handoverPending': (s, e) => withBooths(s, (st) => ({ ...st, booths: patch(st, e.language, { pending: e.pending }) })),
    'booth:handoverCancelled': (s, e) => withBooths(s, (st) => ({ ...st, booths: patch(st, e.language, { pending: null }) })),
    'booth:sourceSet': (s, e) => withBooths(s, (st) => ({ ...st, booths: patch(st, e.language, { source: e.source }) })),
    'booth:slowDownSignalled': (s, e) =>
      withBooths(s, (st) => ({ ...st, booths: patch(st, e.language, { slowDown: { at: e.at, by: e.by } }) })),
    'booth:slowDownCleared': (s, e) => withBooths(s, (st) => ({ ...st, booths: patch(st, e.language, { slowDown: null }) })),
  },
});

function withBooths(s: MeetingState, f: (st: InterpretationState) => InterpretationState): MeetingState {
  return { ...s, interpretation: f(s.interpretation ?? initialInterpretation()) };
}

/** One booth changed; a booth that is not open stays absent (events are only made for open ones). */
function patch(st: InterpretationState, language: Language, changes: Partial<Booth>): InterpretationState['booths'] {
  const b = st.booths[language];
  return b ? { ...st.booths, [language]: { ...b, ...changes } } : st.booths;
}

/** Ends the open spell of a booth, if any. */
function closeSpell(log: AirSpell[], booth: Language, at: number): AirSpell[] {
  return log.map((x) => (x.booth === booth && x.to === null ? { ...x, to: at } : x));
}
