/**
 * One route shape for every download of a meeting's record (CSV, Markdown minutes, calendar):
 * authorise the token (and that its participant was not removed), load the state, render, send as
 * an attachment that is never cached.
 */
import type { Express, Request } from 'express';
import type { MeetingState, Role } from '../../shared/domain/index.js';
import type { AppContext } from '../context.js';
import { asyncRoute, authorizeInMeeting } from './auth.js';

export interface MeetingExport {
  /** Last path segment: GET /api/meetings/:id/<file>. */
  file: string;
  contentType: string;
  /** Download name for a meeting id. */
  filename: (meetingId: string) => string;
  /** Roles whose token may download; default moderators only. */
  roles?: readonly Role[];
  /** `query` is the request's query string (e.g. `lang` for the minutes). */
  render: (state: MeetingState, now: number, query: Request['query']) => string;
}

/**
 * Every export registered in this process, by file: the fault suite's permission matrix
 * (test/faults/permissions.test.ts) reads it so a new export is checked without editing the test.
 */
export const meetingExports = new Map<string, MeetingExport>();

/** Registers GET /api/meetings/:id/<file>, token as Bearer, ?token= or ?t=. */
export function registerMeetingExport(app: Express, ctx: AppContext, ex: MeetingExport): void {
  meetingExports.set(ex.file, ex);
  app.get(
    `/api/meetings/:id/${ex.file}`,
    asyncRoute(async (req, res) => {
      const meetingId = String(req.params.id);
      const { state } = await authorizeInMeeting(ctx, req, meetingId, ex.roles);
      res
        .status(200)
        .set('Content-Type', ex.contentType)
        .set('Content-Disposition', `attachment; filename="${ex.filename(meetingId)}"`)
        .set('Cache-Control', 'no-store')
        .send(ex.render(state, ctx.clock.now(), req.query));
    }),
  );
}
