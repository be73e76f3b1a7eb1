/**
 * Core HTTP: /healthz, the built client (static, with SPA fallback to index.html for client
 * routes) and the JSON error handler. Extensions add their routes between the two (see
 * ServerExtension.http).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { AppContext } from '../context.js';
import { AppError, httpStatus, publicError } from '../errors.js';

const startedAt = Date.now();

/**
 * The client's routes (client/router.ts): served index.html with 200. Any other page is served
 * index.html too — the app shows its translated "page does not exist" with a way home — but with
 * status 404, so links checkers and logs see the truth.
 */
const CLIENT_ROUTES = [
  /^\/$/,
  /^\/(welcome|join)\/?$/,
  /^\/c\/[^/]+(\/review|\/calls\/[^/]+\/submit|\/edit\/[^/]+)?\/?$/,
  /^\/m\/[^/]+\/(participant|moderator|projector|room|interpreter)\/?$/,
];

/** Whether a path is one of the client's pages (test/unit/client-routes.test.ts keeps this in step with client/router.ts). */
export const isClientRoute = (path: string): boolean => CLIENT_ROUTES.some((r) => r.test(path));

/** A request for a file (a script, an image): a miss is a plain 404, never the app's HTML. */
const looksLikeFile = (path: string) => /\.[a-z0-9]{1,8}$/i.test(path);

/** Routes that must exist before extensions: health. */
export function registerCoreRoutes(app: Express, ctx: AppContext): void {
  app.get('/healthz', (_req, res) => {
    // A store that cannot be reached makes the process unhealthy (503) though it keeps running:
    // it recovers by itself when the store is back, and says so in the log.
    const storeReachable = ctx.store.reachable?.() ?? true;
    res.status(storeReachable ? 200 : 503).json({
      ok: storeReachable,
      store: ctx.store.kind,
      storeReachable,
      meetingsLoaded: ctx.service.loadedMeetings().length,
      connections: ctx.io.engine.clientsCount,
      uptimeSec: Math.round((Date.now() - startedAt) / 1000),
      /** Resident memory of this process, MB (the benchmarks read it). */
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    });
  });
}

/** Routes that must come after extensions: the client and its SPA fallback, 404s and errors. */
export function registerFinalRoutes(app: Express, ctx: AppContext): void {
  const dir = resolve(ctx.config.CLIENT_DIR);
  const index = join(dir, 'index.html');
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'No such API route')));
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req, res, next) => {
    // Client routes (/join, /m/:id/...) are rendered by the SPA: any other GET for HTML gets index.html.
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!req.accepts('html')) return next();
    const known = isClientRoute(req.path);
    // "*/*" accepts HTML too; only a browser's page navigation asks for text/html by name.
    if (!known && looksLikeFile(req.path) && !/text\/html/.test(req.get('accept') ?? '')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npx vite build` (npm start does it).');
      return;
    }
    res.status(known ? 200 : 404).set('Cache-Control', 'no-cache').sendFile(index);
  });
  app.use((_req, _res, next) => next(new AppError('not_found', 'Not found')));
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    // body-parser style errors carry a status; map the common ones to our codes.
    const status = (err as { status?: number }).status;
    const e =
      err instanceof AppError
        ? err
        : status === 413
          ? new AppError('payload_too_large', 'Request body too large')
          : status === 400
            ? new AppError('bad_request', 'Malformed request')
            : err;
    if (!(e instanceof AppError)) ctx.logger.error({ err, url: req.originalUrl }, 'http handler failed');
    const body = publicError(e);
    res.status(httpStatus(body.code)).json({ ok: false, error: body });
  };
  app.use(onError);
}
