/**
 * The server answers the client's pages with 200 and any other page with 404 (server/http/routes.ts);
 * its list must follow client/router.ts, or a real page (the consultation, the interpreter console)
 * would be served as "not found".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isClientRoute } from '../../server/http/routes.js';

const routerSource = readFileSync(new URL('../../client/router.ts', import.meta.url), 'utf8');
const pages = [...routerSource.matchAll(/path: '([^']+)'/g)].map((m) => m[1]!).filter((p) => !p.includes('pathMatch'));

describe('client routes on the server', () => {
  it('finds the router’s pages', () => {
    expect(pages).toContain('/m/:meetingId/interpreter');
    expect(pages.length).toBeGreaterThan(8);
  });

  it.each(pages)('%s is a page the server answers with 200', (path) => {
    expect(isClientRoute(path.replace(/:[A-Za-z]+/g, 'x1'))).toBe(true);
  });

  it('other paths are not pages', () => {
    for (const p of ['/nope', '/m/x/admin', '/c/x/y', '/c/x/edit', '/welcome/x']) expect(isClientRoute(p)).toBe(false);
  });
});
