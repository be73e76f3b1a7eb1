/**
 * The consultation's HTTP routes as one server extension (DEFAULT_EXTENSIONS): public, author and
 * secretariat routes. The service itself is built by createApp (ctx.consultations).
 */
import type { ServerExtension } from '../context.js';
import { registerConsultationAuthorRoutes } from './consultation-author.js';
import { registerConsultationPublicRoutes } from './consultation-public.js';
import { registerConsultationReviewRoutes } from './consultation-review.js';

export const consultationExtension: ServerExtension = {
  name: 'consultation',
  http: (app, ctx) => {
    // Public first: /submissions/published must not be taken for a submission id.
    registerConsultationPublicRoutes(app, ctx);
    registerConsultationReviewRoutes(app, ctx);
    registerConsultationAuthorRoutes(app, ctx);
  },
};
