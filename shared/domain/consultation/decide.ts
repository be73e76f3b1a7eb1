/**
 * decideConsultation(state, command, actor, now) → events | typed error. Pure: the clock comes in
 * as `now`, ids derive from the version. Every rule of the consultation lives here.
 */
import { fail, ok, type DomainError, type Result } from '../common.js';
import { CONSULTATION_PERMISSIONS, type ConsultationActor, type ConsultationCommand, type PhaseInput } from './commands.js';
import type { ConsultationEvent } from './events.js';
import { tr, type Call, type ConsultationState, type Phase, type Submission } from './model.js';
import { deadlineClosesAt, nextDay, zonedInstant } from './time.js';

type Decision = Result<ConsultationEvent[]>;
type Of<T extends ConsultationCommand['type']> = Extract<ConsultationCommand, { type: T }>;

/** A deterministic new id: prefix + the version its event will get. */
const newId = (s: ConsultationState, prefix: string) => `${prefix}${s.version + 1}`;

/** Builds a phase from what the secretariat typed (host-zone wall time), or says what is wrong. */
export function phaseFromInput(id: string, p: PhaseInput, timeZone: string): Result<Phase> {
  const endDate = p.endDate ?? p.date;
  if (endDate < p.date) return fail('consultation.invalid_phase', 'The phase ends before it starts');
  const allDay = p.startTime === undefined;
  const startsAt = zonedInstant(p.date, p.startTime ?? '00:00', timeZone);
  const endsAt = allDay ? zonedInstant(nextDay(endDate), '00:00', timeZone) : zonedInstant(endDate, p.endTime ?? '00:00', timeZone);
  if (endsAt <= startsAt) return fail('consultation.invalid_phase', 'The phase ends before it starts');
  if (new Set(p.meetingIds).size !== p.meetingIds.length) return fail('consultation.invalid_phase', 'A meeting is listed twice');
  return ok({
    id,
    kind: p.kind,
    title: p.title,
    description: p.description ?? tr(p.title.original, ''),
    date: p.date,
    endDate,
    startTime: p.startTime ?? null,
    endTime: p.endTime ?? null,
    startsAt,
    endsAt,
    allDay,
    meetingIds: p.meetingIds,
  });
}

/** Whether a call takes submissions at `now`: an error saying why not, or null. */
export function callWindowError(call: Call, timeZone: string, now: number): DomainError | null {
  if (now < call.opensAt) {
    return fail('consultation.call_not_open', 'This call is not open yet', { opensAt: new Date(call.opensAt).toISOString() }).error;
  }
  if (now >= call.closesAt) {
    return fail('consultation.deadline_passed', `The deadline (${call.deadline}, ${timeZone}) has passed`, { deadline: call.deadline, timeZone }).error;
  }
  return null;
}

function findSubmission(s: ConsultationState, id: string): Result<Submission> {
  const sub = s.submissions[id];
  return sub ? ok(sub) : fail('submission.not_found', 'No such submission');
}

/** The author's own, not withdrawn, and its call still open. */
function authorsOwn(s: ConsultationState, id: string, actor: ConsultationActor, now: number): Result<Submission> {
  const found = findSubmission(s, id);
  if (!found.ok) return found;
  if (actor.submissionId !== id) return fail('forbidden', 'This link is for another submission');
  if (found.value.status === 'withdrawn') return fail('submission.withdrawn', 'This submission was withdrawn');
  const call = s.calls.find((c) => c.id === found.value.callId);
  const err = call ? callWindowError(call, s.info.timeZone, now) : null;
  if (err) return { ok: false, error: err };
  return found;
}

type Handlers = { [K in ConsultationCommand['type']]: (s: ConsultationState, c: Of<K>, actor: ConsultationActor, now: number) => Decision };

const handlers: Handlers = {
  'consultation:create': (s, c, _a, at) =>
    s.created ? fail('consultation.exists', 'The consultation exists') : ok([{ type: 'consultation:created', at, consultationId: c.consultationId, info: c.info }]),
  'consultation:update': (_s, c, _a, at) => ok([{ type: 'consultation:updated', at, changes: c.changes }]),
  'phase:add': (s, c, _a, at) => {
    const id = c.phaseId ?? newId(s, 'ph');
    if (s.phases.some((p) => p.id === id)) return fail('consultation.invalid_phase', 'A phase with this id exists');
    const phase = phaseFromInput(id, c.phase, s.info.timeZone);
    return phase.ok ? ok([{ type: 'phase:added', at, phase: phase.value }]) : phase;
  },
  'phase:update': (s, c, _a, at) => {
    if (!s.phases.some((p) => p.id === c.phaseId)) return fail('consultation.phase_not_found', 'No such phase');
    const phase = phaseFromInput(c.phaseId, c.phase, s.info.timeZone);
    return phase.ok ? ok([{ type: 'phase:updated', at, phase: phase.value }]) : phase;
  },
  'phase:remove': (s, c, _a, at) =>
    s.phases.some((p) => p.id === c.phaseId) ? ok([{ type: 'phase:removed', at, phaseId: c.phaseId }]) : fail('consultation.phase_not_found', 'No such phase'),
  'call:add': (s, c, _a, at) => {
    const id = c.callId ?? newId(s, 'call');
    if (s.calls.some((x) => x.id === id)) return fail('consultation.call_exists', 'A call with this id exists');
    const opensAt = Date.parse(c.call.opensAt);
    const closesAt = deadlineClosesAt(c.call.deadline, s.info.timeZone);
    if (closesAt <= opensAt) return fail('consultation.invalid_deadline', 'The deadline is before the call opens');
    const call: Call = {
      id,
      kind: c.call.kind,
      title: c.call.title,
      description: c.call.description ?? tr(c.call.title.original, ''),
      opensAt,
      deadline: c.call.deadline,
      closesAt,
      extensions: [],
    };
    return ok([{ type: 'call:added', at, call }]);
  },
  'call:extend': (s, c, _a, at) => {
    const call = s.calls.find((x) => x.id === c.callId);
    if (!call) return fail('consultation.call_not_found', 'No such call');
    const closesAt = deadlineClosesAt(c.deadline, s.info.timeZone);
    if (closesAt <= call.opensAt) return fail('consultation.invalid_deadline', 'The deadline is before the call opens');
    if (c.deadline === call.deadline) return ok([]);
    return ok([{ type: 'call:extended', at, callId: call.id, deadline: c.deadline, closesAt, reason: c.reason }]);
  },
  'theme:add': (s, c, _a, at) => {
    const id = c.themeId ?? newId(s, 'th');
    if (s.themes.some((t) => t.id === id)) return fail('consultation.theme_exists', 'A theme with this id exists');
    return ok([{ type: 'theme:added', at, theme: { id, title: c.title } }]);
  },
  'submission:create': (s, c, actor, now) => {
    const call = s.calls.find((x) => x.id === c.callId);
    if (!call) return fail('consultation.call_not_found', 'No such call');
    const bySystem = actor.role === 'system';
    // The server may enter submissions received by post or e-mail (and the demo seed) outside the window.
    if (!bySystem) {
      const err = callWindowError(call, s.info.timeZone, now);
      if (err) return { ok: false, error: err };
    }
    const id = (bySystem && c.submissionId) || newId(s, 's');
    if (s.submissions[id]) return fail('bad_request', 'A submission with this id exists');
    const at = bySystem && c.receivedAt ? Date.parse(c.receivedAt) : now;
    const submission: Submission = {
      ...c.fields,
      id,
      ref: `${s.info.refPrefix}-${String(s.submissionCount + 1).padStart(4, '0')}`,
      callId: call.id,
      submittedAt: at,
      updatedAt: at,
      attachment: null,
      status: 'received',
      duplicateOf: null,
      reviewNote: '',
      reviewedAt: null,
      actionLines: [],
      themes: [],
      published: false,
      agendaLinks: [],
    };
    return ok([{ type: 'submission:created', at: now, submission }]);
  },
  'submission:edit': (s, c, actor, at) => {
    const sub = authorsOwn(s, c.submissionId, actor, at);
    return sub.ok ? ok([{ type: 'submission:edited', at, submissionId: c.submissionId, changes: c.changes }]) : sub;
  },
  'submission:attach': (s, c, actor, at) => {
    const sub = authorsOwn(s, c.submissionId, actor, at);
    return sub.ok ? ok([{ type: 'submission:attached', at, submissionId: c.submissionId, attachment: c.attachment }]) : sub;
  },
  'submission:withdraw': (s, c, actor, at) => {
    const sub = authorsOwn(s, c.submissionId, actor, at);
    return sub.ok ? ok([{ type: 'submission:withdrawn', at, submissionId: c.submissionId }]) : sub;
  },
  'submission:review': (s, c, _a, at) => {
    const sub = findSubmission(s, c.submissionId);
    if (!sub.ok) return sub;
    if (sub.value.status === 'withdrawn') return fail('submission.withdrawn', 'This submission was withdrawn');
    let duplicateOf: string | null = null;
    if (c.status === 'duplicate') {
      const target = c.duplicateOf ? s.submissions[c.duplicateOf] : undefined;
      if (!target || target.id === sub.value.id || target.status === 'duplicate' || target.status === 'withdrawn') {
        return fail('submission.invalid_duplicate', 'A duplicate must point to another submission that is not itself a duplicate or withdrawn');
      }
      duplicateOf = target.id;
    }
    return ok([{ type: 'submission:reviewed', at, submissionId: sub.value.id, status: c.status, duplicateOf, note: c.note }]);
  },
  'submission:tag': (s, c, _a, at) => {
    const sub = findSubmission(s, c.submissionId);
    if (!sub.ok) return sub;
    const unknown = c.themes.find((t) => !s.themes.some((x) => x.id === t));
    if (unknown) return fail('consultation.theme_not_found', `No theme ${unknown}`, { theme: unknown });
    const uniq = <T>(xs: T[]) => [...new Set(xs)];
    return ok([{ type: 'submission:tagged', at, submissionId: sub.value.id, actionLines: uniq(c.actionLines), themes: uniq(c.themes) }]);
  },
  'submission:publish': (s, c, _a, at) => {
    const sub = findSubmission(s, c.submissionId);
    if (!sub.ok) return sub;
    if (c.published) {
      if (sub.value.status !== 'accepted') return fail('submission.not_accepted', 'Only accepted submissions can be published');
      if (!sub.value.consent) return fail('submission.no_consent', 'The author did not consent to publication');
    }
    if (sub.value.published === c.published) return ok([]);
    return ok([{ type: 'submission:published', at, submissionId: sub.value.id, published: c.published }]);
  },
  'submission:linkAgenda': (s, c, _a, at) => {
    const sub = findSubmission(s, c.submissionId);
    if (!sub.ok) return sub;
    if (c.linked && sub.value.status !== 'accepted') return fail('submission.not_accepted', 'Only accepted submissions can be attached to an agenda item');
    const has = sub.value.agendaLinks.some((l) => l.meetingId === c.meetingId && l.itemId === c.itemId);
    if (has === c.linked) return ok([]);
    return ok([{ type: 'submission:agendaLinked', at, submissionId: sub.value.id, meetingId: c.meetingId, itemId: c.itemId, linked: c.linked }]);
  },
};

/** Decides a command: permission, existence, then the command's own rules. */
export function decideConsultation(state: ConsultationState, command: ConsultationCommand, actor: ConsultationActor, now: number): Decision {
  if (!CONSULTATION_PERMISSIONS[command.type].includes(actor.role)) {
    return fail('forbidden', `A ${actor.role} may not ${command.type}`);
  }
  if (command.type !== 'consultation:create' && !state.created) return fail('consultation.not_created', 'No such consultation');
  const handler = handlers[command.type] as (s: ConsultationState, c: ConsultationCommand, a: ConsultationActor, n: number) => Decision;
  return handler(state, command, actor, now);
}
