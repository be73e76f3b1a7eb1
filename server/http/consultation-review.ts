/**
 * Secretariat routes (secretariat token): the filtered list of submissions and the one command
 * route (review, tag, publish, attach to an agenda item, extend a deadline, add phases, calls and
 * themes). Links to agenda items are checked against the meeting here, since the consultation's
 * decide cannot see another aggregate. docs/consultation.md.
 */
import express, { type Express } from 'express';
import { CommandRequest, ReviewQuery } from '../../shared/consultation-protocol.js';
import type { Submission } from '../../shared/domain/index.js';
import { loadConsultation, parse, requireSecretariat } from '../consultations/edge.js';
import { fullSubmission, reviewCounts } from '../consultations/views.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { asyncRoute } from './auth.js';

const json = express.json({ limit: '128kb' });

export function registerConsultationReviewRoutes(app: Express, ctx: AppContext): void {
  const { service, limiter } = ctx.consultations;

  app.get(
    '/api/consultations/:cid/review/submissions',
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      requireSecretariat(ctx, req, cid);
      const q = parse(ReviewQuery, req.query);
      const s = await loadConsultation(ctx, cid);
      const all = Object.values(s.submissions);
      const match = (x: Submission) =>
        (!q.call || x.callId === q.call) &&
        (!q.group || x.group === q.group) &&
        (!q.language || x.language === q.language) &&
        (!q.status || x.status === q.status) &&
        (!q.actionLine || x.actionLines.includes(q.actionLine)) &&
        (!q.theme || x.themes.includes(q.theme));
      const list = all.filter(match).sort((a, b) => b.submittedAt - a.submittedAt || b.id.localeCompare(a.id));
      res.set('Cache-Control', 'no-store').json({ ok: true, submissions: list.map((x) => fullSubmission(cid, x)), counts: reviewCounts(all) });
    }),
  );

  app.post(
    '/api/consultations/:cid/commands',
    json,
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      const actor = requireSecretariat(ctx, req, cid);
      limiter.take('write', req.ip ?? 'unknown');
      const command = parse(CommandRequest, req.body);
      if (command.type === 'submission:linkAgenda' && command.linked) {
        const meeting = await ctx.service.get(command.meetingId);
        if (!meeting.created) throw new AppError('not_found', 'This meeting does not exist');
        if (!meeting.agenda.items.some((i) => i.id === command.itemId)) throw new AppError('agenda.item_not_found', 'No such agenda item in this meeting');
      }
      await loadConsultation(ctx, cid);
      const r = await service.execute(cid, command, actor);
      if (!r.ok) throw AppError.from(r.error);
      const sid = 'submissionId' in command ? command.submissionId : undefined;
      const x = sid ? r.value.state.submissions[sid] : undefined;
      res.json({ ok: true, version: r.value.version, ...(x ? { submission: fullSubmission(cid, x) } : {}) });
    }),
  );
}
