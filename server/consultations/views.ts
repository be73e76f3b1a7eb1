/**
 * What the routes send: the consultation and its submissions projected for each reader (public,
 * author, secretariat). Contact fields beyond name and organisation never leave through public views.
 */
import {
  ACTION_LINES,
  statusAt,
  type ConsultationState,
  type MeetingState,
  type Submission,
} from '../../shared/domain/index.js';
import type { FullSubmission, PublicConsultation, PublicMeeting, PublicSubmission } from '../../shared/consultation-protocol.js';

const enc = encodeURIComponent;

/** API path of a submission's attachment (token appended by the caller when needed). */
export const attachmentPath = (cid: string, sid: string) => `/api/consultations/${enc(cid)}/submissions/${enc(sid)}/attachment`;

/** Client path of the author's edit page. */
export const editPath = (cid: string, sid: string, token: string) => `/c/${enc(cid)}/edit/${enc(sid)}?t=${enc(token)}`;

export function publicSubmission(cid: string, x: Submission): PublicSubmission {
  return {
    id: x.id,
    ref: x.ref,
    callId: x.callId,
    name: x.name,
    organisation: x.organisation,
    group: x.group,
    country: x.country,
    language: x.language,
    title: x.title,
    text: x.text,
    submittedAt: x.submittedAt,
    actionLines: x.actionLines,
    themes: x.themes,
    attachment: x.attachment ? { ...x.attachment, url: attachmentPath(cid, x.id) } : null,
    agendaLinks: x.agendaLinks,
  };
}

export function fullSubmission(cid: string, x: Submission): FullSubmission {
  return {
    ...publicSubmission(cid, x),
    consent: x.consent,
    updatedAt: x.updatedAt,
    status: x.status,
    duplicateOf: x.duplicateOf,
    reviewNote: x.reviewNote,
    reviewedAt: x.reviewedAt,
    published: x.published,
  };
}

/** The public page's data. `joinUrl(m)` gives a meeting's registration link while it is not over. */
export function publicConsultation(
  s: ConsultationState,
  meetings: ReadonlyMap<string, MeetingState>,
  now: number,
  joinUrl: (m: MeetingState) => string | null,
): PublicConsultation {
  const cid = enc(s.id);
  const subs = Object.values(s.submissions);
  const meeting = (id: string): PublicMeeting[] => {
    const m = meetings.get(id);
    if (!m?.created) return [];
    const startsAt = Date.parse(m.info.startsAt);
    const endsAt = Date.parse(m.info.endsAt);
    return [
      {
        id: m.id,
        title: m.info.title,
        kind: m.info.kind,
        startsAt: m.info.startsAt,
        endsAt: m.info.endsAt,
        timeZone: m.info.timeZone,
        status: statusAt(startsAt, endsAt, now),
        joinUrl: now < endsAt ? joinUrl(m) : null,
        // Only id and title: descriptions and timings stay on the meeting's own pages.
        agenda: m.agenda.items.map((i) => ({ id: i.id, title: i.title })),
      },
    ];
  };
  return {
    ok: true,
    id: s.id,
    version: s.version,
    now,
    title: s.info.title,
    description: s.info.description,
    timeZone: s.info.timeZone,
    phases: s.phases.map((p) => ({
      id: p.id,
      kind: p.kind,
      title: p.title,
      description: p.description,
      date: p.date,
      endDate: p.endDate,
      startTime: p.startTime,
      endTime: p.endTime,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      allDay: p.allDay,
      status: statusAt(p.startsAt, p.endsAt, now),
      meetings: p.meetingIds.flatMap(meeting),
    })),
    calls: s.calls.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      description: c.description,
      opensAt: c.opensAt,
      deadline: c.deadline,
      closesAt: c.closesAt,
      status: statusAt(c.opensAt, c.closesAt, now),
      extensions: c.extensions,
      received: subs.filter((x) => x.callId === c.id && x.status !== 'withdrawn').length,
    })),
    themes: s.themes,
    actionLines: [...ACTION_LINES],
    published: subs.filter((x) => x.published).length,
    links: {
      calendar: `/api/consultations/${cid}/calendar.ics`,
      compilationMd: `/api/consultations/${cid}/compilation.md`,
      compilationCsv: `/api/consultations/${cid}/compilation.csv`,
      published: `/api/consultations/${cid}/submissions/published`,
    },
  };
}

/** Counts of a review list, by status, call, group and language, over all submissions. */
export function reviewCounts(subs: readonly Submission[]) {
  const tally = (key: (x: Submission) => string) =>
    subs.reduce<Record<string, number>>((acc, x) => {
      acc[key(x)] = (acc[key(x)] ?? 0) + 1;
      return acc;
    }, {});
  return { total: subs.length, status: tally((x) => x.status), call: tally((x) => x.callId), group: tally((x) => x.group), language: tally((x) => x.language) };
}
