/**
 * applyConsultation(state, event) → state: the reducer. Rebuilding from the log is the only way a
 * consultation's state is made, so this is also what a restart runs.
 */
import type { ConsultationEvent } from './events.js';
import type { ConsultationState, Submission } from './model.js';

function withSubmission(s: ConsultationState, id: string, f: (sub: Submission) => Submission): ConsultationState {
  const sub = s.submissions[id];
  return sub ? { ...s, submissions: { ...s.submissions, [id]: f(sub) } } : s;
}

/**
 * An author's change to a reviewed submission sends it back to review: the secretariat accepted
 * (and perhaps published) another text.
 */
const backToReview = (sub: Submission, at: number): Submission => ({
  ...sub,
  updatedAt: at,
  status: 'received',
  published: false,
  reviewedAt: null,
});

function reduce(s: ConsultationState, e: ConsultationEvent): ConsultationState {
  switch (e.type) {
    case 'consultation:created':
      return { ...s, id: e.consultationId, created: true, createdAt: e.at, info: e.info };
    case 'consultation:updated':
      return { ...s, info: { ...s.info, ...e.changes } };
    case 'phase:added':
    case 'phase:updated': {
      const phases = [...s.phases.filter((p) => p.id !== e.phase.id), e.phase];
      return { ...s, phases: phases.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id)) };
    }
    case 'phase:removed':
      return { ...s, phases: s.phases.filter((p) => p.id !== e.phaseId) };
    case 'call:added':
      return { ...s, calls: [...s.calls, e.call] };
    case 'call:extended':
      return {
        ...s,
        calls: s.calls.map((c) =>
          c.id === e.callId
            ? { ...c, deadline: e.deadline, closesAt: e.closesAt, extensions: [...c.extensions, { from: c.deadline, to: e.deadline, at: e.at, reason: e.reason }] }
            : c,
        ),
      };
    case 'theme:added':
      return { ...s, themes: [...s.themes, e.theme] };
    case 'submission:created':
      return { ...s, submissions: { ...s.submissions, [e.submission.id]: e.submission }, submissionCount: s.submissionCount + 1 };
    case 'submission:edited':
      return withSubmission(s, e.submissionId, (sub) => ({ ...backToReview(sub, e.at), ...e.changes }));
    case 'submission:attached':
      return withSubmission(s, e.submissionId, (sub) => ({ ...backToReview(sub, e.at), attachment: e.attachment }));
    case 'submission:withdrawn':
      return withSubmission(s, e.submissionId, (sub) => ({ ...sub, status: 'withdrawn', published: false, updatedAt: e.at }));
    case 'submission:reviewed':
      return withSubmission(s, e.submissionId, (sub) => ({
        ...sub,
        status: e.status,
        duplicateOf: e.duplicateOf,
        reviewNote: e.note,
        reviewedAt: e.at,
        // Only accepted submissions stay public.
        published: e.status === 'accepted' && sub.published,
      }));
    case 'submission:tagged':
      return withSubmission(s, e.submissionId, (sub) => ({ ...sub, actionLines: e.actionLines, themes: e.themes }));
    case 'submission:published':
      return withSubmission(s, e.submissionId, (sub) => ({ ...sub, published: e.published }));
    case 'submission:agendaLinked':
      return withSubmission(s, e.submissionId, (sub) => ({
        ...sub,
        agendaLinks: e.linked
          ? [...sub.agendaLinks, { meetingId: e.meetingId, itemId: e.itemId }]
          : sub.agendaLinks.filter((l) => !(l.meetingId === e.meetingId && l.itemId === e.itemId)),
      }));
  }
}

/** Applies one event and counts the version. */
export function applyConsultation(s: ConsultationState, e: ConsultationEvent): ConsultationState {
  return { ...reduce(s, e), version: s.version + 1 };
}

/** Applies events in order. */
export const applyConsultationAll = (s: ConsultationState, events: readonly ConsultationEvent[]): ConsultationState =>
  events.reduce(applyConsultation, s);
