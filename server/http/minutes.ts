/**
 * GET /api/meetings/:id/minutes.md (moderator token: Bearer, ?token= or ?t=): the minutes the
 * secretariat writes after a meeting, drafted from the meeting's state as Markdown — header,
 * attendance, then per agenda item its timing, speakers and polls, and speaking time per group.
 * Minutes are public: polls show totals and turnout only, never who voted what (not even named polls).
 */
import {
  STAKEHOLDER_GROUPS,
  itemElapsedMs,
  pollResults,
  speakingStats,
  turnElapsedMs,
  type Language,
  type MeetingState,
  type Participant,
  type Poll,
  type PollKind,
  type StakeholderGroup,
  type TurnKind,
  type FinishedTurn,
} from '../../shared/domain/index.js';
import type { ServerExtension } from '../context.js';
import { registerMeetingExport } from './export.js';
import { exportOptionLabel } from './labels.js';
import { formatMinutesDuration as dur, mdEscape as esc, mdTable, percent, utcStamp, zoneOffset, zonedDate, zonedTime } from './markdown.js';

const GROUP_LABEL: Record<StakeholderGroup, string> = {
  government: 'Government',
  'civil-society': 'Civil society',
  'private-sector': 'Private sector',
  academia: 'Academia',
  'technical-community': 'Technical community',
  intergovernmental: 'Intergovernmental organisations',
};

function turnKindLabel(k: TurnKind): string {
  switch (k) {
    case 'normal':
      return 'Normal';
    case 'point_of_order':
      return 'Point of order';
    case 'reply':
      return 'Reply';
    default: {
      const never: never = k;
      return never;
    }
  }
}

function pollKindLabel(k: PollKind): string {
  switch (k) {
    case 'single':
      return 'single choice';
    case 'multiple':
      return 'multiple choice';
    case 'yes_no_abstain':
      return 'yes / no / abstain';
    default: {
      const never: never = k;
      return never;
    }
  }
}

/** A turn as the minutes list it: finished, or the running one measured at `now`. */
type MinutesTurn = Omit<FinishedTurn, 'endedAt' | 'endReason' | 'overrunMs'> & { running: boolean };

function allTurns(s: MeetingState, now: number): MinutesTurn[] {
  const turns: MinutesTurn[] = s.queue.history.map((t) => ({ ...t, running: false }));
  const cur = s.queue.current;
  if (cur) turns.push({ ...cur, durationMs: turnElapsedMs(cur, now), running: true });
  return turns;
}

function header(s: MeetingState, now: number): string[] {
  const { title, kind, startsAt, endsAt, timeZone } = s.info;
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const sameDay = zonedDate(start, timeZone) === zonedDate(end, timeZone);
  const local = sameDay
    ? `${zonedDate(start, timeZone)}, ${zonedTime(start, timeZone)}–${zonedTime(end, timeZone)}`
    : `${zonedDate(start, timeZone)}, ${zonedTime(start, timeZone)} – ${zonedDate(end, timeZone)}, ${zonedTime(end, timeZone)}`;
  return [
    `# Minutes: ${esc(title)}`,
    '',
    `- **Meeting kind:** ${kind}`,
    `- **Date and time:** ${local} (${esc(timeZone)}, ${zoneOffset(start, timeZone)})`,
    `- **In UTC:** ${utcStamp(start)} – ${utcStamp(end)}`,
    `- **Drafted:** ${utcStamp(now)} from the meeting record by Plenary`,
    '',
    '_Text in English; names, titles and notes as entered. Draft for the secretariat to review._',
  ];
}

/** Connected at some point (states from before `attended` existed: present now). */
const attended = (p: Participant): boolean => p.attended === true || p.present;

function attendance(s: MeetingState): string[] {
  const people = Object.values(s.participants).filter((p) => !p.removed);
  const rows = STAKEHOLDER_GROUPS.map((g) => {
    const mine = people.filter((p) => p.group === g);
    const came = mine.filter(attended);
    const inRoom = came.filter((p) => p.inRoom).length;
    return [GROUP_LABEL[g], String(mine.length), String(came.length), String(inRoom), String(came.length - inRoom)];
  });
  const came = people.filter(attended);
  const inRoom = came.filter((p) => p.inRoom).length;
  rows.push(['**Total**', String(people.length), String(came.length), String(inRoom), String(came.length - inRoom)]);
  const removed = Object.values(s.participants).length - people.length;
  return [
    '## Attendance',
    '',
    '_Attended: connected at any time during the meeting; in room or remote as last recorded._',
    '',
    ...mdTable(['Stakeholder group', 'Registered', 'Attended', 'In room', 'Remote'], rows),
    ...(removed > 0 ? ['', `${removed} participant(s) were removed from the meeting by a moderator.`] : []),
  ];
}

function speakers(s: MeetingState, turns: readonly MinutesTurn[]): string[] {
  if (!turns.length) return ['No one took the floor.'];
  const byTurnId = new Map(allTurnsIndex(s));
  const rows = turns.map((t, i) => {
    const answered = t.kind === 'reply' && t.replyTo ? byTurnId.get(t.replyTo) : undefined;
    const kind = answered ? `Reply to ${esc(answered)}` : turnKindLabel(t.kind);
    return [
      String(i + 1),
      zonedTime(t.startedAt, s.info.timeZone),
      esc(t.name),
      kind,
      GROUP_LABEL[t.group],
      t.affiliation ? esc(t.affiliation) : '—',
      t.inRoom ? 'In room' : 'Remote',
      `${dur(t.durationMs)}${t.running ? ' (speaking)' : ''}`,
      t.note ? esc(t.note) : '',
    ];
  });
  return mdTable(['#', 'Start', 'Speaker', 'Turn', 'Group', 'Affiliation', 'Location', 'Duration', 'Notes'], rows);
}

/** turnId → speaker name, to say whom a reply answered. */
function allTurnsIndex(s: MeetingState): Array<[string, string]> {
  const cur = s.queue.current;
  return [...s.queue.history, ...(cur ? [cur] : [])].map((t) => [t.turnId, t.name]);
}

function eligibilityLabel(p: Poll): string {
  return p.eligibility === 'all_present' ? 'all present participants' : p.eligibility.groups.map((g) => GROUP_LABEL[g]).join(', ');
}

function poll(s: MeetingState, p: Poll): string[] {
  const head = `#### Poll: ${esc(p.question)}`;
  const meta = `${pollKindLabel(p.kind)}, ${p.secret ? 'secret ballot' : 'named vote'}, open to ${eligibilityLabel(p)}`;
  if (p.status === 'cancelled') return [head, '', `_${meta}._ Cancelled; no result.`];
  const r = pollResults(s, p.id);
  if (!r) return [];
  const state = p.status === 'open' ? 'Still open when these minutes were drafted: interim result.' : 'Final result.';
  const { voted, eligible, present } = r.turnout;
  return [
    head,
    '',
    `_${meta}._ ${state}`,
    '',
    ...mdTable(
      ['Option', 'Votes', 'Share of voters'],
      r.options.map((o) => [esc(exportOptionLabel(p, o.id)), String(o.count), `${o.percent}%`]),
    ),
    '',
    `Turnout: ${voted} of ${eligible} eligible voted (${percent(voted, eligible)}); ${present} present.`,
  ];
}

function pollsOf(s: MeetingState, itemId: string | null): Poll[] {
  return s.polls.order.flatMap((id) => {
    const p = s.polls.byId[id];
    return p && p.itemId === itemId && p.status !== 'draft' ? [p] : [];
  });
}

function itemSection(s: MeetingState, now: number, index: number, itemId: string, turns: readonly MinutesTurn[]): string[] {
  const item = s.agenda.items.find((i) => i.id === itemId);
  const lines: string[] = [];
  if (item) {
    lines.push(`## ${index}. ${esc(item.title)}`, '');
    const plannedMs = item.plannedMinutes * 60_000;
    const actualMs = itemElapsedMs(item, now);
    if (item.startedAt === null) {
      lines.push(`Planned: ${item.plannedMinutes} min. Not taken up.`);
    } else {
      const diff = actualMs - plannedMs;
      const delta = Math.abs(diff) < 1000 ? 'on time' : `${dur(Math.abs(diff))} ${diff > 0 ? 'over' : 'under'}`;
      lines.push(
        `Planned: ${item.plannedMinutes} min. Actual: ${dur(actualMs)} (${delta}); first taken up at ${zonedTime(item.startedAt, s.info.timeZone)}${item.activeSince !== null ? ', still current' : ''}.`,
      );
    }
  } else {
    lines.push(`## ${index}. (Item removed from the agenda)`);
  }
  lines.push('', '### Speakers', '', ...speakers(s, turns));
  const polls = pollsOf(s, itemId);
  if (polls.length) {
    lines.push('', '### Polls');
    for (const p of polls) lines.push('', ...poll(s, p));
  }
  return lines;
}

function statistics(s: MeetingState, now: number, turns: readonly MinutesTurn[]): string[] {
  const stats = speakingStats(s, now);
  const rows = stats.groups.map((g) => [
    GROUP_LABEL[g.group],
    String(g.speakers),
    String(g.turns),
    dur(g.totalMs),
    dur(g.averageMs),
    percent(g.totalMs, stats.totalMs),
  ]);
  rows.push(['**Total**', String(stats.people.length), String(turns.length), dur(stats.totalMs), dur(turns.length ? stats.totalMs / turns.length : 0), stats.totalMs > 0 ? '100%' : '0%']);
  const inRoomMs = turns.filter((t) => t.inRoom).reduce((sum, t) => sum + t.durationMs, 0);
  return [
    '## Speaking time by stakeholder group',
    '',
    ...mdTable(['Stakeholder group', 'Speakers', 'Turns', 'Total', 'Average turn', 'Share'], rows),
    '',
    `In room: ${dur(inRoomMs)} (${percent(inRoomMs, stats.totalMs)}); remote: ${dur(stats.totalMs - inRoomMs)} (${percent(stats.totalMs - inRoomMs, stats.totalMs)}).`,
  ];
}

/**
 * The minutes of a meeting as Markdown, at `now` (a running turn or item clock is measured then).
 * `lang` is the language the text is wanted in; only English exists so far, and the document says
 * so — names, titles and notes come through as entered, in any script, Markdown-escaped.
 */
export function meetingMinutes(s: MeetingState, now: number, lang: Language = 'en'): string {
  void lang; // One text language for now: see the label in header().
  const turns = allTurns(s, now);
  const itemIds = s.agenda.items.map((i) => i.id);
  // Turns of items removed later keep their place at the end rather than vanish from the record.
  for (const t of turns) if (!itemIds.includes(t.itemId)) itemIds.push(t.itemId);
  const lines = [...header(s, now), '', ...attendance(s)];
  itemIds.forEach((id, i) => lines.push('', ...itemSection(s, now, i + 1, id, turns.filter((t) => t.itemId === id))));
  const loose = pollsOf(s, null);
  if (loose.length) {
    lines.push('', '## Polls outside agenda items');
    for (const p of loose) lines.push('', ...poll(s, p));
  }
  lines.push('', ...statistics(s, now, turns));
  return `${lines.join('\n')}\n`;
}

/** Registers the route; plugged in through DEFAULT_EXTENSIONS. */
export const minutesExtension: ServerExtension = {
  name: 'minutes-md',
  http: (app, ctx) =>
    registerMeetingExport(app, ctx, {
      file: 'minutes.md',
      contentType: 'text/markdown; charset=utf-8',
      filename: (id) => `minutes-${id}.md`,
      render: (state, now) => meetingMinutes(state, now),
    }),
};
