/**
 * GET /api/meetings/:id/minutes.md (moderator token: Bearer, ?token= or ?t=): the minutes the
 * secretariat writes after a meeting, drafted from the meeting's state as Markdown — header,
 * attendance, then per agenda item its timing, speakers and polls, and speaking time per group.
 * Minutes are public: polls show totals and turnout only, never who voted what (not even named polls).
 */
import {
  Language as LanguageSchema,
  STAKEHOLDER_GROUPS,
  itemElapsedMs,
  languagesOnAirDuring,
  pollResults,
  speakingStats,
  turnElapsedMs,
  type Language,
  type MeetingState,
  type Participant,
  type Poll,
  type FinishedTurn,
} from '../../shared/domain/index.js';
import type { ServerExtension } from '../context.js';
import { registerMeetingExport } from './export.js';
import { minutesText, type MinutesText } from './minutes-text.js';
import { exportOptionLabel } from './labels.js';
import { formatMinutesDuration as dur, mdEscape as esc, mdTable, percent, utcStamp, zoneOffset, zonedDate, zonedTime } from './markdown.js';

/** A turn as the minutes list it: finished, or the running one measured at `now`. */
type MinutesTurn = Omit<FinishedTurn, 'endedAt' | 'endReason' | 'overrunMs'> & { running: boolean };

function allTurns(s: MeetingState, now: number): MinutesTurn[] {
  const turns: MinutesTurn[] = s.queue.history.map((t) => ({ ...t, running: false }));
  const cur = s.queue.current;
  if (cur) turns.push({ ...cur, durationMs: turnElapsedMs(cur, now), running: true });
  return turns;
}

function header(s: MeetingState, now: number, t: MinutesText): string[] {
  const { title, kind, startsAt, endsAt, timeZone } = s.info;
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const day = (ms: number) => zonedDate(ms, timeZone, t.locale);
  const sameDay = day(start) === day(end);
  const local = sameDay
    ? `${day(start)}, ${zonedTime(start, timeZone)}–${zonedTime(end, timeZone)}`
    : `${day(start)}, ${zonedTime(start, timeZone)} – ${day(end)}, ${zonedTime(end, timeZone)}`;
  return [
    `# ${t.minutes}: ${esc(title)}`,
    '',
    `- **${t.meetingKind}:** ${t.kinds[kind]}`,
    `- **${t.dateTime}:** ${local} (${esc(timeZone)}, ${zoneOffset(start, timeZone)})`,
    `- **${t.inUtc}:** ${utcStamp(start)} – ${utcStamp(end)}`,
    `- **${t.drafted}:** ${utcStamp(now)} ${t.draftedBy}`,
    '',
    t.languageNote,
  ];
}

/** Connected at some point (states from before `attended` existed: present now). */
const attended = (p: Participant): boolean => p.attended === true || p.present;

function attendance(s: MeetingState, t: MinutesText): string[] {
  const people = Object.values(s.participants).filter((p) => !p.removed);
  const rows = STAKEHOLDER_GROUPS.map((g) => {
    const mine = people.filter((p) => p.group === g);
    const came = mine.filter(attended);
    const inRoom = came.filter((p) => p.inRoom).length;
    return [t.groups[g], String(mine.length), String(came.length), String(inRoom), String(came.length - inRoom)];
  });
  const came = people.filter(attended);
  const inRoom = came.filter((p) => p.inRoom).length;
  rows.push([`**${t.total}**`, String(people.length), String(came.length), String(inRoom), String(came.length - inRoom)]);
  const removed = Object.values(s.participants).length - people.length;
  return [
    `## ${t.attendance}`,
    '',
    t.attendanceNote,
    '',
    ...mdTable(t.attendanceCols, rows),
    ...(removed > 0 ? ['', t.removed(removed)] : []),
  ];
}

/** "English → French, Arabic": the language the speaker declared, and the booths on air during the turn, named in `lang`. */
function turnLanguages(s: MeetingState, turn: MinutesTurn, lang: Language): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' });
  const spoken = turn.language ? (name.of(turn.language) ?? turn.language) : '—';
  const endedAt = 'endedAt' in turn && typeof turn.endedAt === 'number' ? turn.endedAt : null;
  const into = languagesOnAirDuring(s, turn.startedAt, turn.running ? null : endedAt).filter((l) => l !== turn.language);
  return into.length ? `${spoken} → ${into.map((l) => name.of(l) ?? l).join(', ')}` : spoken;
}

function speakers(s: MeetingState, turns: readonly MinutesTurn[], t: MinutesText, lang: Language): string[] {
  if (!turns.length) return [t.nobodySpoke];
  const byTurnId = new Map(allTurnsIndex(s));
  const rows = turns.map((turn, i) => {
    const answered = turn.kind === 'reply' && turn.replyTo ? byTurnId.get(turn.replyTo) : undefined;
    const kind = answered ? t.replyTo(esc(answered)) : t.turnKinds[turn.kind];
    return [
      String(i + 1),
      zonedTime(turn.startedAt, s.info.timeZone),
      esc(turn.name),
      kind,
      t.groups[turn.group],
      turn.affiliation ? esc(turn.affiliation) : '—',
      turn.inRoom ? t.inRoom : t.remote,
      `${dur(turn.durationMs, t.units)}${turn.running ? ` (${t.speaking})` : ''}`,
      turnLanguages(s, turn, lang),
      turn.note ? esc(turn.note) : '',
    ];
  });
  return mdTable(t.speakerCols, rows);
}

/** turnId → speaker name, to say whom a reply answered. */
function allTurnsIndex(s: MeetingState): Array<[string, string]> {
  const cur = s.queue.current;
  return [...s.queue.history, ...(cur ? [cur] : [])].map((t) => [t.turnId, t.name]);
}

function eligibilityLabel(p: Poll, t: MinutesText): string {
  return p.eligibility === 'all_present' ? t.allPresent : p.eligibility.groups.map((g) => t.groups[g]).join(', ');
}

function poll(s: MeetingState, p: Poll, t: MinutesText): string[] {
  const head = `#### ${t.poll}: ${esc(p.question)}`;
  const meta = `${t.pollKinds[p.kind]}, ${p.secret ? t.secret : t.named}, ${t.openTo} ${eligibilityLabel(p, t)}`;
  if (p.status === 'cancelled') return [head, '', `_${meta}._ ${t.cancelled}`];
  const r = pollResults(s, p.id);
  if (!r) return [];
  const state = p.status === 'open' ? t.interim : t.final;
  const { voted, eligible, present } = r.turnout;
  return [
    head,
    '',
    `_${meta}._ ${state}`,
    '',
    ...mdTable(
      t.pollCols,
      r.options.map((o) => [esc(exportOptionLabel(p, o.id, t.fixedOptions)), String(o.count), `${o.percent}%`]),
    ),
    '',
    t.turnout(voted, eligible, percent(voted, eligible), present),
  ];
}

function pollsOf(s: MeetingState, itemId: string | null): Poll[] {
  return s.polls.order.flatMap((id) => {
    const p = s.polls.byId[id];
    return p && p.itemId === itemId && p.status !== 'draft' ? [p] : [];
  });
}

function itemSection(s: MeetingState, now: number, index: number, itemId: string, turns: readonly MinutesTurn[], t: MinutesText, lang: Language): string[] {
  const item = s.agenda.items.find((i) => i.id === itemId);
  const lines: string[] = [];
  if (item) {
    lines.push(`## ${index}. ${esc(item.title)}`, '');
    const plannedMs = item.plannedMinutes * 60_000;
    const actualMs = itemElapsedMs(item, now);
    if (item.startedAt === null) {
      lines.push(t.notTakenUp(item.plannedMinutes));
    } else {
      const diff = actualMs - plannedMs;
      const delta = Math.abs(diff) < 1000 ? t.onTime : `${dur(Math.abs(diff), t.units)} ${diff > 0 ? t.over : t.under}`;
      lines.push(
        t.taken(item.plannedMinutes, dur(actualMs, t.units), delta, zonedTime(item.startedAt, s.info.timeZone), item.activeSince !== null),
      );
    }
  } else {
    lines.push(`## ${index}. ${t.removedItem}`);
  }
  lines.push('', `### ${t.speakers}`, '', ...speakers(s, turns, t, lang));
  const polls = pollsOf(s, itemId);
  if (polls.length) {
    lines.push('', `### ${t.polls}`);
    for (const p of polls) lines.push('', ...poll(s, p, t));
  }
  return lines;
}

function statistics(s: MeetingState, now: number, turns: readonly MinutesTurn[], t: MinutesText): string[] {
  const stats = speakingStats(s, now);
  const rows = stats.groups.map((g) => [
    t.groups[g.group],
    String(g.speakers),
    String(g.turns),
    dur(g.totalMs, t.units),
    dur(g.averageMs, t.units),
    percent(g.totalMs, stats.totalMs),
  ]);
  rows.push([`**${t.total}**`, String(stats.people.length), String(turns.length), dur(stats.totalMs, t.units), dur(turns.length ? stats.totalMs / turns.length : 0, t.units), stats.totalMs > 0 ? '100%' : '0%']);
  const inRoomMs = turns.filter((t) => t.inRoom).reduce((sum, t) => sum + t.durationMs, 0);
  return [
    `## ${t.stats}`,
    '',
    ...mdTable(t.statsCols, rows),
    '',
    t.roomShare(dur(inRoomMs, t.units), percent(inRoomMs, stats.totalMs), dur(stats.totalMs - inRoomMs, t.units), percent(stats.totalMs - inRoomMs, stats.totalMs)),
  ];
}

/**
 * The minutes of a meeting as Markdown, at `now` (a running turn or item clock is measured then),
 * with headings, labels and sentences in `lang` (minutes-text.ts); names, titles and notes come
 * through as entered, in any script, Markdown-escaped.
 */
export function meetingMinutes(s: MeetingState, now: number, lang: Language = 'en'): string {
  const t = minutesText(lang);
  const turns = allTurns(s, now);
  const itemIds = s.agenda.items.map((i) => i.id);
  // Turns of items removed later keep their place at the end rather than vanish from the record.
  for (const turn of turns) if (!itemIds.includes(turn.itemId)) itemIds.push(turn.itemId);
  const lines = [...header(s, now, t), '', ...attendance(s, t)];
  itemIds.forEach((id, i) => lines.push('', ...itemSection(s, now, i + 1, id, turns.filter((x) => x.itemId === id), t, lang)));
  const loose = pollsOf(s, null);
  if (loose.length) {
    lines.push('', `## ${t.loosePolls}`);
    for (const p of loose) lines.push('', ...poll(s, p, t));
  }
  lines.push('', ...statistics(s, now, turns, t));
  return `${lines.join('\n')}\n`;
}

/** Registers the route; plugged in through DEFAULT_EXTENSIONS. `?lang=` picks the language (default en). */
export const minutesExtension: ServerExtension = {
  name: 'minutes-md',
  http: (app, ctx) =>
    registerMeetingExport(app, ctx, {
      file: 'minutes.md',
      contentType: 'text/markdown; charset=utf-8',
      filename: (id) => `minutes-${id}.md`,
      render: (state, now, query) => {
        const lang = LanguageSchema.safeParse(query.lang);
        return meetingMinutes(state, now, lang.success ? lang.data : 'en');
      },
    }),
};
