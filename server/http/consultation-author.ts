/**
 * Routes of a submission's author: create (public, rate-limited per address), then with the
 * private edit token read, edit, attach a PDF, withdraw — until the call's deadline in the host
 * zone (the domain decides; after it, reading still works). docs/consultation.md.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { CreateSubmissionRequest, EditSubmissionRequest, type AuthorSubmissionResponse } from '../../shared/consultation-protocol.js';
import { LIMITS, decideConsultation, type ConsultationActor, type ConsultationCommand, type ConsultationState } from '../../shared/domain/index.js';
import { looksLikePdf, safePdfName } from '../consultations/attachments.js';
import { consultationActor, loadConsultation, parse } from '../consultations/edge.js';
import { editPath, fullSubmission } from '../consultations/views.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { asyncRoute } from './auth.js';

// 20 000 characters of Chinese are 60 KB of UTF-8: leave room for the other fields.
const json = express.json({ limit: '128kb' });

/** The raw PDF body, refusing more than the limit with the submission's own code. */
function rawPdf(req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.get('content-length') ?? 0);
  const tooLarge = () => new AppError('submission.attachment_too_large', 'The PDF is larger than the limit', { maxBytes: LIMITS.attachmentBytes });
  if (declared > LIMITS.attachmentBytes) return next(tooLarge());
  express.raw({ type: () => true, limit: LIMITS.attachmentBytes })(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') return next(tooLarge());
    next(err);
  });
}

/** What the author (or the secretariat, without a token) sees of one submission. */
function authorResponse(ctx: AppContext, s: ConsultationState, sid: string, actor: ConsultationActor): AuthorSubmissionResponse {
  const x = s.submissions[sid];
  if (!x) throw new AppError('submission.not_found', 'No such submission');
  const call = s.calls.find((c) => c.id === x.callId);
  const editableUntil = call?.closesAt ?? 0;
  const token = actor.role === 'author' ? ctx.consultations.tokens.sign({ kind: 'edit', consultationId: s.id, submissionId: sid }) : '';
  return {
    ok: true,
    submission: fullSubmission(s.id, x),
    editToken: token,
    editUrl: token ? editPath(s.id, sid, token) : '',
    editableUntil,
    editable: x.status !== 'withdrawn' && ctx.clock.now() < editableUntil,
  };
}

export function registerConsultationAuthorRoutes(app: Express, ctx: AppContext): void {
  const { service, limiter } = ctx.consultations;

  /** Runs an author command and answers with the submission. */
  const run = async (res: Response, cid: string, sid: string, actor: ConsultationActor, command: ConsultationCommand, status = 200) => {
    const r = await service.execute(cid, command, actor);
    if (!r.ok) throw AppError.from(r.error);
    res.status(status).json(authorResponse(ctx, r.value.state, sid, actor));
  };

  /** An author's write: their edit link names the submission, the address's write budget, then the command. */
  const authorWrite = (command: (req: Request, sid: string) => ConsultationCommand) =>
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      const sid = String(req.params.sid);
      const actor = author(ctx, req, cid, sid);
      limiter.take('write', req.ip ?? 'unknown');
      await run(res, cid, sid, actor, command(req, sid));
    });

  app.post(
    '/api/consultations/:cid/submissions',
    json,
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      limiter.take('create', req.ip ?? 'unknown');
      const body = parse(CreateSubmissionRequest, req.body);
      await loadConsultation(ctx, cid);
      const r = await service.execute(cid, { type: 'submission:create', callId: body.callId, fields: body.fields }, { role: 'public', submissionId: null });
      if (!r.ok) throw AppError.from(r.error);
      const created = r.value.events.find((e) => e.event.type === 'submission:created')?.event;
      if (created?.type !== 'submission:created') throw new Error('submission:create produced no submission');
      const sid = created.submission.id;
      ctx.logger.info({ consultationId: cid, submissionId: sid, ref: created.submission.ref }, 'submission received');
      res.status(201).json(authorResponse(ctx, r.value.state, sid, { role: 'author', submissionId: sid }));
    }),
  );

  app.get(
    '/api/consultations/:cid/submissions/:sid',
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      const sid = String(req.params.sid);
      const actor = consultationActor(ctx, req, cid, sid);
      if (actor.role === 'public') throw new AppError('unauthorized', 'The private edit link (or a secretariat token) is required');
      res.json(authorResponse(ctx, await loadConsultation(ctx, cid), sid, actor));
    }),
  );

  app.patch(
    '/api/consultations/:cid/submissions/:sid',
    json,
    authorWrite((req, sid) => ({ type: 'submission:edit', submissionId: sid, changes: parse(EditSubmissionRequest, req.body).changes })),
  );

  app.post(
    '/api/consultations/:cid/submissions/:sid/withdraw',
    authorWrite((_req, sid) => ({ type: 'submission:withdraw', submissionId: sid })),
  );

  app.put(
    '/api/consultations/:cid/submissions/:sid/attachment',
    // Who and how often before reading up to 5 MB of body.
    (req, _res, next) => {
      try {
        author(ctx, req, String(req.params.cid), String(req.params.sid));
        limiter.take('upload', req.ip ?? 'unknown');
        next();
      } catch (e) {
        next(e);
      }
    },
    rawPdf,
    asyncRoute(async (req, res) => {
      const cid = String(req.params.cid);
      const sid = String(req.params.sid);
      const actor = author(ctx, req, cid, sid);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!looksLikePdf(bytes)) throw new AppError('submission.not_pdf', 'The attachment must be a PDF file');
      // Refuse early (deadline, withdrawn, someone else's) before writing a file to disk.
      const s = await loadConsultation(ctx, cid);
      const probe = decideConsultation(s, { type: 'submission:attach', submissionId: sid, attachment: null }, actor, ctx.clock.now());
      if (!probe.ok) throw AppError.from(probe.error);
      // The bytes are durable before the event that points at them is appended.
      const sha256 = await ctx.consultations.attachments.put(cid, bytes);
      const name = safePdfName(typeof req.query.name === 'string' ? req.query.name : undefined);
      await run(res, cid, sid, actor, { type: 'submission:attach', submissionId: sid, attachment: { name, size: bytes.length, sha256 } });
    }),
  );

  app.delete(
    '/api/consultations/:cid/submissions/:sid/attachment',
    authorWrite((_req, sid) => ({ type: 'submission:attach', submissionId: sid, attachment: null })),
  );
}

/** The author of `sid` by edit token; `unauthorized` without one, `forbidden` for a secretariat token. */
function author(ctx: AppContext, req: Request, cid: string, sid: string): ConsultationActor {
  const actor = consultationActor(ctx, req, cid, sid);
  if (actor.role === 'public') throw new AppError('unauthorized', 'The private edit link is required');
  if (actor.role !== 'author') throw new AppError('forbidden', 'Only the author may change a submission');
  return actor;
}
