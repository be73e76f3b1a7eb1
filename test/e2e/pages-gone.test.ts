/**
 * Dead ends have a way out: an address the app does not know, a meeting that does not exist and a
 * participant who was removed each get a translated page that says what happened — laid out as one
 * column, not three odd ones — and a link home that works.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { connectClient } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

/** The children of a notice are stacked: each starts below the previous one. */
async function stacked(notice: Locator): Promise<void> {
  const boxes = await notice.evaluate((el) => Array.from(el.children, (c) => c.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  expect(boxes.length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top, JSON.stringify(boxes)).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 1);
}

describe('pages with nothing to show', () => {
  it('an unknown address: a translated page with the address and a link home (status 404)', async () => {
    const page = await e2e.open('/no/such/page?lang=fr');
    const notFound = page.getByTestId('not-found');
    await pw(notFound).toContainText('Cette page n’existe pas.');
    await pw(page.getByTestId('not-found-path')).toHaveText('/no/such/page?lang=fr');
    await stacked(notFound);
    const res = await page.request.get('/no/such/page', { headers: { Accept: 'text/html' } });
    expect(res.status()).toBe(404);
    await page.getByTestId('not-found-home').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('h1').first().waitFor();
  });

  it('a meeting that does not exist: a sentence, not a bare "Not found.", and a link home, in Arabic too', async () => {
    const srv = e2e.server;
    // A genuine link (signed by the server) to a meeting that was never created, or was deleted.
    const token = srv.app.tokens.sign({ kind: 'member', meetingId: 'no-such-meeting', participantId: 'p1', role: 'participant', exp: Date.now() + 3_600_000 });
    const page = await e2e.open(`/m/no-such-meeting/participant?t=${encodeURIComponent(token)}&lang=ar`);
    const failed = page.getByTestId('page-failed');
    await failed.waitFor();
    expect(await failed.textContent()).not.toMatch(/^\s*Not found\.\s*$/);
    await stacked(failed);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('gate-home').click();
    await page.waitForURL((u) => u.pathname === '/');
  });

  it('a removed participant: title, reason and hint stacked in one column, with a link home', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    try {
      const token = srv.tokens.participants[3]!;
      const part = await e2e.open(meetingPage(srv, 'participant', token));
      await part.getByTestId('participant-page').waitFor();
      const me = await connectClient(srv.url, token);
      const participantId = me.me!.participantId!;
      me.close();
      expect((await mod.send({ type: 'participant:remove', participantId, reason: 'Disruption' })).ok).toBe(true);
      const notice = part.getByTestId('page-removed');
      await notice.waitFor();
      await stacked(notice);
      await pw(notice.getByTestId('gate-home')).toHaveCount(1);
    } finally {
      mod.close();
    }
  });
});
