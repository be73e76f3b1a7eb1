/**
 * The foundation, driven as people would in headless Chromium against the built client and the real
 * server: a moderator edits the agenda and the participant and projector pages follow without a
 * reload; Arabic renders right-to-left; a newcomer joins from an invite link minted in the console.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

describe('foundation e2e', () => {
  it('moderator edits the agenda; participant and projector pages follow live', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const part = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!)); // Kwame, en
    const proj = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector));

    await pw(mod.getByTestId('editor-item')).toHaveCount(5);
    await pw(part.getByTestId('agenda-item')).toHaveCount(5);
    await pw(proj.getByTestId('current-item-title')).toHaveText('Opening and adoption of the agenda');

    // Add an item.
    await mod.getByTestId('agenda-add-title').fill('Any other business');
    await mod.getByTestId('agenda-add-minutes').fill('5');
    await mod.getByTestId('agenda-add-submit').click();
    await pw(part.getByTestId('agenda-item')).toHaveCount(6);
    await pw(part.getByTestId('agenda-item-title').nth(5)).toHaveText('Any other business');

    // Rename the second item.
    const second = mod.getByTestId('editor-item').nth(1);
    await second.getByTestId('item-edit').click();
    await mod.getByTestId('agenda-edit-title').fill('Official submissions: overview by group');
    await mod.getByTestId('agenda-edit-save').click();
    await pw(part.getByTestId('agenda-item-title').nth(1)).toHaveText('Official submissions: overview by group');

    // Make it current: everyone's current item follows.
    await mod.getByTestId('editor-item').nth(1).getByTestId('item-set-current').click();
    await pw(part.getByTestId('current-item-title')).toHaveText('Official submissions: overview by group');
    await pw(proj.getByTestId('current-item-title')).toHaveText('Official submissions: overview by group');
    await pw(part.getByTestId('agenda-item').nth(0)).toHaveAttribute('data-status', 'done');
    await pw(part.getByTestId('agenda-item').nth(1)).toHaveAttribute('data-status', 'current');
    await pw(part.getByTestId('announcer')).toContainText('Official submissions: overview by group');

    // Reorder with the keyboard: Alt+↑ on the last item moves it up one place.
    const last = mod.getByTestId('editor-item').nth(5);
    await last.focus();
    await mod.keyboard.press('Alt+ArrowUp');
    await pw(part.getByTestId('agenda-item-title').nth(4)).toHaveText('Any other business');
    await pw(mod.getByTestId('editor-item').nth(4)).toBeFocused();

    // "Next item" moves the meeting on; the projector shows it.
    await mod.getByTestId('agenda-next').click();
    await pw(proj.getByTestId('current-item-title')).toHaveText('Hybrid format of the WSIS Forum 2021');

    // Remove the added item.
    await mod.getByTestId('editor-item').nth(4).getByTestId('item-remove').click();
    await pw(part.getByTestId('agenda-item')).toHaveCount(5);

    await pw(part.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('a participant whose language is Arabic gets the page right-to-left, in Arabic', async () => {
    const srv = e2e.server;
    const page = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[0]!)); // Layla, ar
    await pw(page.getByTestId('participant-page')).toBeVisible();
    await pw(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await pw(page.locator('html')).toHaveAttribute('lang', 'ar');
    await pw(page.getByTestId('agenda').getByRole('heading', { level: 2 })).toHaveText('جدول الأعمال');
    await pw(page.getByTestId('current-item').getByRole('heading', { level: 2 })).toHaveText('البند الحالي');
    await pw(page.getByTestId('presence-group').first().getByRole('heading')).toHaveText('الحكومات');

    // The header picker switches back to a left-to-right language.
    await page.getByTestId('language-picker').selectOption('en');
    await pw(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await pw(page.getByTestId('agenda').getByRole('heading', { level: 2 })).toHaveText('Agenda');
  });

  it('a newcomer joins from an invite link minted in the moderator console', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    await mod.getByTestId('invite-create-participant').click();
    const url = await mod.getByTestId('invite-url-participant').inputValue();
    expect(url).toMatch(/\/join\?t=pl1\./);

    const ctx = await e2e.context();
    const page = await e2e.open(new URL(url).pathname + new URL(url).search, { context: ctx });
    await page.getByTestId('profile-name').fill('Noor Al-Amin');
    await page.getByTestId('profile-group').selectOption('academia');
    await page.getByTestId('profile-affiliation').fill('University of Geneva');
    await page.getByTestId('profile-language').selectOption('fr');
    // A link handed out by the moderator says nothing about where the newcomer is.
    expect(await page.getByTestId('profile-in-room').isChecked()).toBe(false);
    await page.getByTestId('profile-in-room').check();
    await page.getByTestId('join-submit').click();

    await page.waitForURL(/\/m\/wsis2021-m3\/participant\?t=pl1\./);
    await pw(page.getByTestId('participant-page')).toBeVisible();
    await pw(page.locator('html')).toHaveAttribute('lang', 'fr'); // the chosen language is the default
    await pw(page.getByTestId('presence').getByText('Noor Al-Amin')).toBeVisible();
    await pw(mod.getByTestId('presence').getByText('Noor Al-Amin')).toBeVisible();
    const personal = new URL(page.url()).searchParams.get('t');
    expect(personal).not.toBe(new URL(url).searchParams.get('t'));

    // The personal token is kept on the device: the page works again without the link's token.
    await page.goto('/m/wsis2021-m3/participant');
    await pw(page.getByTestId('participant-page')).toBeVisible();
    await pw(page.getByTestId('profile-name')).toHaveValue('Noor Al-Amin');

    // She corrects her own profile; the moderator's presence list follows.
    await page.getByTestId('profile-affiliation').fill('Université de Genève');
    await page.getByTestId('profile-save').click();
    await pw(mod.getByTestId('presence').getByText('Université de Genève')).toBeVisible();

    // Opening the invite again offers to continue as the same person.
    await page.goto(new URL(url).pathname + new URL(url).search);
    await pw(page.getByTestId('join-already')).toBeVisible();
  });

  it('a bad link shows the translated error code, never a raw message', async () => {
    const page = await e2e.open('/m/wsis2021-m3/participant?t=pl1.bogus.token');
    await pw(page.getByTestId('page-failed')).toHaveAttribute('data-code', 'unauthorized');
    await pw(page.getByTestId('page-failed-text')).toHaveText('This link is not valid. Ask the moderator for a new one.');
    await pw(page.getByTestId('page-failed').getByTestId('gate-home')).toHaveCount(1);
    const ar = await e2e.open('/m/wsis2021-m3/participant?t=pl1.bogus.token&lang=ar');
    await pw(ar.getByTestId('page-failed-text')).toHaveText('هذا الرابط غير صالح. اطلب رابطًا جديدًا من مدير الجلسة.');
  });

  it('a refused command shows its translated error code on the console', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(`${meetingPage(srv, 'moderator', srv.tokens.moderator)}&lang=fr`);
    // Blank after trimming: the browser lets it through, the server's schema refuses it.
    await mod.getByTestId('agenda-add-title').fill('   ');
    await mod.getByTestId('agenda-add-submit').click();
    await pw(mod.getByTestId('last-error')).toHaveAttribute('data-code', 'bad_request');
    await pw(mod.getByTestId('last-error').locator('p')).toHaveText('La demande n’est pas valide. Vérifiez les champs et réessayez.');
    await mod.getByTestId('last-error').getByRole('button').click();
    await pw(mod.getByTestId('last-error')).toHaveCount(0);
  });

  it('renders every page in English and Arabic (screenshots in test-results/)', async () => {
    const srv = e2e.server;
    const pages: Array<[string, string]> = [
      ['landing', '/'],
      ['join', `/join?t=${encodeURIComponent(srv.tokens.invite)}`],
      ['participant', meetingPage(srv, 'participant', srv.tokens.participants[4]!)],
      ['moderator', meetingPage(srv, 'moderator', srv.tokens.moderator)],
      ['projector', meetingPage(srv, 'projector', srv.tokens.projector)],
      ['room', meetingPage(srv, 'room', srv.tokens.room)],
    ];
    for (const lang of ['en', 'ar'] as const) {
      for (const [name, path] of pages) {
        const page = await e2e.open(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await pw(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
        if (name !== 'landing' && name !== 'join') await pw(page.getByTestId(`${name}-page`)).toBeVisible();
        if (name === 'join') await pw(page.getByTestId('join-form')).toBeVisible();
        await e2e.screenshot(page, `foundation-${name}-${lang}`);
        await page.context().close();
      }
    }
    expect(e2e.pageErrors).toEqual([]);
  });
});

describe('foundation e2e: connection', () => {
  it('a page shows the connection dropping and catches up by itself after a server restart', async () => {
    const srv = e2e.server;
    const page = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!));
    const status = page.getByTestId('connection-status');
    await pw(status).toHaveAttribute('data-status', 'connected');

    // Record every state the indicator shows: the reconnecting phase can be short.
    await page.evaluate(() => {
      const w = window as unknown as { seen: Array<string | null> };
      w.seen = [];
      const el = document.querySelector('[data-testid="connection-status"]')!;
      new MutationObserver(() => w.seen.push(`${el.getAttribute('data-status')}|${el.textContent?.trim() ?? ''}`)).observe(el, {
        attributes: true,
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    const srv2 = await e2e.restartServer();

    // A change made right after the restart reaches the page without a reload (missed events or broadcast).
    const mod = await connectClient(srv2.url, srv2.tokens.moderator);
    const ack = await mod.send({ type: 'agenda:add', title: 'Added after the restart', plannedMinutes: 5 });
    expect(ack.ok).toBe(true);
    await pw(status, 15_000).toHaveAttribute('data-status', 'connected');
    await pw(page.getByTestId('agenda-item-title').last()).toHaveText('Added after the restart');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.filter((x) => x.startsWith('reconnecting|') && x.endsWith('Connection lost, reconnecting…')), seen.join(' / ')).not.toEqual([]);
  });
});
