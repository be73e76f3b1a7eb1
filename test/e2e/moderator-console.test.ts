/**
 * What a chair trips over at the console, in the browser: the poll editor can be left (Cancel, or
 * Escape, asking first when something was typed); keyboard focus stays on the list after "Move up"
 * and "Give the floor" instead of falling to the page; the current ordering is in sight, and the
 * next item's list starts with the same settings; and moving to another agenda item while someone
 * speaks asks whether to end the turn, keep it, or stay.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectClient } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

describe('moderator console', () => {
  it('the poll editor has Cancel and Escape; focus goes back to "New poll"', async () => {
    const mod = await e2e.open(meetingPage(e2e.server, 'moderator', e2e.server.tokens.moderator));
    const admin = mod.getByTestId('poll-admin');
    await admin.getByTestId('poll-new').click();
    await pw(admin.getByTestId('poll-question-input')).toBeFocused();
    // Nothing typed: Cancel closes at once.
    await admin.getByTestId('poll-editor-cancel').click();
    await pw(admin.getByTestId('poll-editor')).toHaveCount(0);
    await pw(admin.getByTestId('poll-new')).toBeFocused();
    // Something typed: asked first; declining keeps the form and its text, accepting discards it.
    await admin.getByTestId('poll-new').click();
    await admin.getByTestId('poll-question-input').fill('Adopt the agenda?');
    mod.once('dialog', (d) => void d.dismiss());
    await admin.getByTestId('poll-editor-cancel').click();
    await pw(admin.getByTestId('poll-question-input')).toHaveValue('Adopt the agenda?');
    mod.once('dialog', (d) => void d.accept());
    await admin.getByTestId('poll-question-input').press('Escape');
    await pw(admin.getByTestId('poll-editor')).toHaveCount(0);
    await pw(admin.getByTestId('poll-new')).toBeFocused();
    expect(Object.keys((await e2e.server.service.get(e2e.server.meetingId)).polls.byId)).toHaveLength(0);
  });

  it('focus stays on the moved speaker after "Move up", and on the list after "Give the floor"', async () => {
    const srv = e2e.server;
    const people = await Promise.all(srv.tokens.participants.slice(0, 3).map((t) => connectClient(srv.url, t)));
    try {
      for (const p of people) expect((await p.send({ type: 'queue:request' })).ok).toBe(true);
      const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
      const entries = mod.getByTestId('queue-console').getByTestId('queue-entry');
      await pw(entries).toHaveCount(3);
      const third = await entries.nth(2).getAttribute('data-entry-id');
      await entries.nth(2).getByTestId('move-up').click();
      await pw(entries.nth(1)).toHaveAttribute('data-entry-id', third!);
      await pw(entries.nth(1).getByTestId('move-up')).toBeFocused();
      // Again: now first, so "Move up" is disabled and focus goes to "Move down" of the same speaker.
      await entries.nth(1).getByTestId('move-up').click();
      await pw(entries.nth(0)).toHaveAttribute('data-entry-id', third!);
      await pw(entries.nth(0).getByTestId('move-down')).toBeFocused();
      // Give the floor to the first: their row goes; focus goes to the speaker who took the place.
      const second = await entries.nth(1).getAttribute('data-entry-id');
      await entries.nth(0).getByTestId('give').click();
      await pw(entries).toHaveCount(2);
      await pw(entries.nth(0)).toHaveAttribute('data-entry-id', second!);
      await pw(entries.nth(0).getByTestId('give')).toBeFocused();
      expect(await focusedTestId(mod)).toBe('give');
      // The last one: the list empties, focus goes to the turn's controls.
      await entries.nth(0).getByTestId('give').click();
      await entries.nth(0).getByTestId('give').click();
      await pw(mod.getByTestId('queue-console').getByTestId('queue-empty')).toHaveCount(1);
      await pw(mod.getByTestId('pause-resume')).toBeFocused();
    } finally {
      for (const p of people) p.close();
    }
  });

  it('the ordering is in sight and carries over; moving on while someone speaks asks first', async () => {
    const srv = e2e.server;
    const api = await connectClient(srv.url, srv.tokens.moderator);
    const people = await Promise.all(srv.tokens.participants.slice(0, 2).map((t) => connectClient(srv.url, t)));
    try {
      // Start clean: no one on the floor from the previous test.
      if (api.state!.queue.current) expect((await api.send({ type: 'queue:end' })).ok).toBe(true);
      const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
      const summary = mod.getByTestId('queue-summary');
      await pw(summary).toHaveAttribute('data-policy', 'fcfs');
      await pw(summary).toContainText('First come, first served');
      // Settings are folded; the summary is not. Balanced, 2 minutes.
      await mod.getByTestId('queue-settings').locator('summary').click();
      await mod.getByTestId('policy').selectOption('balanced');
      await pw(summary).toContainText('Balanced between groups');
      await mod.getByTestId('time-limit').fill('120');
      await mod.getByTestId('time-limit').press('Enter');
      await pw(summary).toContainText('2:00 per turn');

      // Someone speaks; "Next agenda item" asks. Stay: nothing changes.
      expect((await people[0]!.send({ type: 'queue:request' })).ok).toBe(true);
      expect((await api.send({ type: 'queue:next' })).ok).toBe(true);
      const item0 = api.state!.agenda.currentItemId;
      const dialog = mod.getByTestId('item-switch');
      await mod.getByTestId('next-item').click();
      await pw(dialog).toBeVisible();
      await pw(dialog).toContainText(api.state!.queue.current!.name);
      await pw(mod.getByTestId('item-switch-end')).toBeFocused();
      await mod.screenshot({ path: 'test-results/item-switch-dialog.png' });
      await mod.getByTestId('item-switch-cancel').click();
      await pw(dialog).toHaveCount(1);
      expect(await dialog.isVisible()).toBe(false);
      expect(api.state!.agenda.currentItemId).toBe(item0);
      expect(api.state!.queue.current).not.toBeNull();

      // Escape also stays; "End the turn and move on" ends it, then moves on.
      await mod.getByTestId('next-item').click();
      await pw(dialog).toBeVisible();
      await mod.keyboard.press('Escape');
      expect(await dialog.isVisible()).toBe(false);
      expect(api.state!.agenda.currentItemId).toBe(item0);
      await mod.getByTestId('next-item').click();
      await mod.getByTestId('item-switch-end').click();
      await expect.poll(() => api.state!.agenda.currentItemId).not.toBe(item0);
      await expect.poll(() => api.state!.queue.current).toBeNull();
      // The next item's list carried the settings over (its own list, shown once the page has moved on).
      const item1Title = api.state!.agenda.items.find((i) => i.id === api.state!.agenda.currentItemId)!.title;
      await pw(mod.getByTestId('current-item-title')).toHaveText(item1Title);
      await pw(summary).toContainText('Balanced between groups');
      await pw(summary).toContainText('2:00 per turn');
      expect(api.state!.queue.lists[api.state!.agenda.currentItemId!]).toBeUndefined(); // untouched: inherited, not copied

      // "Move on, keep the speaker": the turn continues under the next item, from the agenda editor too.
      expect((await people[1]!.send({ type: 'queue:request' })).ok).toBe(true);
      expect((await api.send({ type: 'queue:next' })).ok).toBe(true);
      const item1 = api.state!.agenda.currentItemId;
      await mod.getByTestId('agenda-next').click();
      await mod.getByTestId('item-switch-keep').click();
      await expect.poll(() => api.state!.agenda.currentItemId).not.toBe(item1);
      expect(api.state!.queue.current?.itemId).toBe(item1);
    } finally {
      for (const c of [api, ...people]) c.close();
    }
  });
});
