/**
 * Public consultation routes (no token): the consultation, its calendar, published submissions,
 * the compilation (the full one with a secretariat token), attachments of published submissions,
 * and the submissions attached to a meeting's agenda items. docs/consultation.md.
 */
import type { Express } from 'express';
import { CompilationQuery, MeetingSubmissionsQuery } from '../../shared/consultation-protocol.js';
import { Language, type MeetingState } from '../../shared/domain/index.js';
import { compilationCsv, compilationMarkdown } from '../consultations/compilation.js';
import { consultationActor, loadConsultation, parse, requireSecretariat } from '../consultations/edge.js';
import { consultationIcs } from '../consultations/ics.js';
import { publicConsultation, publicSubmission } from '../consultations/views.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { tokenPath } from '../tokens.js';
import { asyncRoute, authorize, requestToken } from './auth.js';

/** The meetings a consultation's phases link to, loaded (missing ones are skipped). */
async function linkedMeetings(ctx: AppContext, ids: readonly string[]): Promise<Map<string, MeetingState>> {
  const out = new Map<string, MeetingState>();
  for (const id of new Set(ids)) {
    const m = await ctx.service.get(id);
    if (m.created) out.set(id, m);
  }
  return out;
}

/** A public registration link (participant invite) valid until an hour after the meeting ends. */
function joinUrl(ctx: AppContext, m: MeetingState): string {
  const claims = { kind: 'invite' as const, meetingId: m.id, participantId: null, role: 'participant' as const, exp: Date.parse(m.info.endsAt) + 3_600_000 };
  return tokenPath(claims, ctx.tokens.sign(claims));
}

const langOf = (q: unknown): Language => {
  const r = Language.safeParse(q);
  return r.success ? r.data : 'en';
};

export function registerConsultationPublicRoutes(app: Express, ctx: AppContext): void {
  const svc = ctx.consultations.service;

  app.get(
    '/api/consultations',
    asyncRoute(async (_req, res) => {
      const ids = await svc.list();
      const states = await Promise.all(ids.map((id) => svc.get(id)));
      res.json({ ok: true, consultations: states.filter((s) => s.created).map((s) => ({ id: s.id, title: s.info.title })) });
    }),
  );

  app.get(
    '/api/consultations/:cid',
    asyncRoute(async (req, res) => {
      const s = await loadConsultation(ctx, String(req.params.cid));
      const meetings = await linkedMeetings(ctx, s.phases.flatMap((p) => p.meetingIds));
      res.set('Cache-Control', 'no-cache').json(publicConsultation(s, meetings, ctx.clock.now(), (m) => joinUrl(ctx, m)));
    }),
  );

  app.get(
    '/api/consultations/:cid/calendar.ics',
    asyncRoute(async (req, res) => {
      const s = await loadConsultation(ctx, String(req.params.cid));
      const meetings = await linkedMeetings(ctx, s.phases.flatMap((p) => p.meetingIds));
      res
        .status(200)
        .set('Content-Type', 'text/calendar; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${s.id}.ics"`)
        .set('Cache-Control', 'no-cache')
        .send(consultationIcs(s, meetings, langOf(req.query.lang), ctx.clock.now()));
    }),
  );

  app.get(
    '/api/consultations/:cid/submissions/published',
    asyncRoute(async (req, res) => {
      const s = await loadConsultation(ctx, String(req.params.cid));
      const subs = Object.values(s.submissions)
        .filter((x) => x.published)
        .sort((a, b) => a.submittedAt - b.submittedAt);
      res.json({ ok: true, submissions: subs.map((x) => publicSubmission(s.id, x)) });
    }),
  );

  for (const format of ['md', 'csv'] as const) {
    app.get(
      `/api/consultations/:cid/compilation.${format}`,
      asyncRoute(async (req, res) => {
        const cid = String(req.params.cid);
        const q = parse(CompilationQuery, req.query);
        if (q.scope === 'accepted') requireSecretariat(ctx, req, cid);
        const s = await loadConsultation(ctx, cid);
        const now = ctx.clock.now();
        const body = format === 'md' ? compilationMarkdown(s, q.scope, q.lang, now) : compilationCsv(s, q.scope, q.lang);
        res
          .status(200)
          .set('Content-Type', format === 'md' ? 'text/markdown; charset=utf-8' : 'text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="compilation-${s.id}-${q.scope}-${q.lang}.${format}"`)
          .set('Cache-Control', 'no-store')
          .send(body);
      }),
    );
  }

  app.get(
    '/api/consultations/:cid/submissions/:sid/attachment',
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      const sid = String(req.params.sid);
      const actor = consultationActor(ctx, req, cid, sid);
      const s = await loadConsultation(ctx, cid);
      const x = s.submissions[sid];
      // Unpublished submissions are not acknowledged to the public at all.
      if (!x || (actor.role === 'public' && !x.published)) throw new AppError('submission.not_found', 'No such submission');
      if (!x.attachment) throw new AppError('not_found', 'This submission has no attachment');
      const bytes = await ctx.consultations.attachments.get(cid, x.attachment.sha256);
      if (!bytes) throw new AppError('not_found', 'The attachment file is missing');
      res
        .status(200)
        .set('Content-Type', 'application/pdf')
        .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(x.attachment.name)}`)
        .set('X-Content-Type-Options', 'nosniff')
        .set('Cache-Control', 'private, no-store')
        .send(bytes);
    }),
  );

  // Submissions attached to a meeting's agenda items: public ones for all; all of them for the
  // meeting's moderators (any token given must be valid).
  app.get(
    '/api/meetings/:mid/submissions',
    asyncRoute(async (req, res) => {
      const mid = String(req.params.mid);
      const q = parse(MeetingSubmissionsQuery, req.query);
      // No token: the public view. A token must be a moderator's of this meeting (else 401/403).
      const moderator = requestToken(req) !== null;
      if (moderator) authorize(ctx, req, mid);
      const meeting = await ctx.service.get(mid);
      if (!meeting.created) throw new AppError('not_found', 'This meeting does not exist');
      for (const cid of await svc.list()) {
        const s = await svc.get(cid);
        const linked = Object.values(s.submissions).filter((x) =>
          x.agendaLinks.some((l) => l.meetingId === mid && (q.item === undefined || l.itemId === q.item)) && (moderator ? x.status === 'accepted' : x.published),
        );
        if (!linked.length && !s.phases.some((p) => p.meetingIds.includes(mid))) continue;
        res.json({ ok: true, consultationId: s.id, submissions: linked.map((x) => ({ ...publicSubmission(s.id, x), status: x.status, published: x.published })) });
        return;
      }
      res.json({ ok: true, consultationId: null, submissions: [] });
    }),
  );
}
