/**
 * Moderator settings in the browser: the meeting settings panel (title, start time typed in the
 * meeting's zone from a browser in New York, a schedule the domain refuses, a summer date in CEST)
 * and the participants panel (move someone into the room, correct an affiliation). The participant
 * page and the projector follow without a reload; the participant's "Add to calendar" link works.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();
const text = async (p: Page, testid: string) => ((await p.getByTestId(testid).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('moderator settings', () => {
  it('title and schedule: typed in the meeting zone, refused when inverted, followed live by participant and projector', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const part = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!)); // Kwame, en
    const proj = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector));
    await pw(part.getByTestId('meeting-time')).toContainText('14:00–15:30 CET, Europe/Zurich');

    const settings = mod.getByTestId('settings');
    // Folded away by default in the console (FoldPanel): open it.
    await mod.getByTestId('settings-fold').locator('summary').first().click();
    // The form shows Zurich clock times although this browser is in New York.
    await pw(settings.getByTestId('settings-start-time')).toHaveValue('14:00');
    await pw(settings.getByTestId('settings-start-date')).toHaveValue('2021-01-29');
    await pw(settings.getByTestId('settings-zone')).toHaveValue('Europe/Zurich');
    await pw(settings.getByTestId('settings-start-offset')).toContainText('+01:00');

    // An end before the start: the domain refuses, the panel says why, nothing changes.
    await settings.getByTestId('settings-end-time').fill('13:00');
    await settings.getByTestId('settings-save').click();
    await pw(settings.getByTestId('settings-error')).toHaveAttribute('data-code', 'meeting.invalid_schedule');
    await pw(settings.getByTestId('settings-error')).toHaveText('The meeting must end after it starts.');
    await pw(part.getByTestId('meeting-time')).toContainText('14:00–15:30');

    // A new title and start time.
    await settings.getByTestId('settings-end-time').fill('15:30');
    await settings.getByTestId('settings-title').fill('Second meeting — revised schedule');
    await settings.getByTestId('settings-start-time').fill('13:15');
    await settings.getByTestId('settings-save').click();
    await pw(settings.getByTestId('settings-saved')).toHaveText('Settings saved.');
    await pw(part.getByTestId('meeting-title')).toHaveText('Second meeting — revised schedule');
    await pw(part.getByTestId('meeting-time')).toContainText('13:15–15:30 CET, Europe/Zurich');
    await pw(proj.getByTestId('meeting-title')).toHaveText('Second meeting — revised schedule');
    await pw(proj.getByTestId('projector-page')).toContainText('13:15–15:30 CET');
    const state = await srv.service.get(srv.meetingId);
    expect(Date.parse(state.info.startsAt)).toBe(Date.UTC(2021, 0, 29, 12, 15));

    // A summer day: the same clock times are CEST, +02:00.
    await settings.getByTestId('settings-start-date').fill('2021-06-10');
    await settings.getByTestId('settings-end-date').fill('2021-06-10');
    await pw(settings.getByTestId('settings-start-offset')).toContainText('+02:00');
    await settings.getByTestId('settings-save').click();
    await pw(part.getByTestId('meeting-time')).toContainText('13:15–15:30 CEST, Europe/Zurich');
    await pw(proj.getByTestId('projector-page')).toContainText('13:15–15:30 CEST');
    expect(Date.parse((await srv.service.get(srv.meetingId)).info.startsAt)).toBe(Date.UTC(2021, 5, 10, 11, 15));

    // An unknown zone is caught in the form.
    await settings.getByTestId('settings-zone').fill('Europe/Atlantis');
    await pw(settings.getByTestId('settings-zone-invalid')).toBeVisible();
    expect(await settings.getByTestId('settings-save').isDisabled()).toBe(true);
    await settings.getByTestId('settings-reset').click();
    await pw(settings.getByTestId('settings-zone')).toHaveValue('Europe/Zurich');

    // The participant's calendar link downloads the meeting as it is now.
    const href = await part.getByTestId('meeting-calendar').getAttribute('href');
    expect(href).toMatch(/^\/api\/meetings\/wsis2021-m3\/meeting\.ics\?t=/);
    const ics = await (await fetch(`${srv.url}${href}`)).text();
    expect(ics).toContain('SUMMARY:Second meeting — revised schedule');
    expect(ics).toContain('DTSTART:20210610T111500Z');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('participants: the moderator moves someone into the room and corrects an affiliation', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const part = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!)); // Kwame, remote
    const group = part.getByTestId('presence').locator('[data-testid="presence-group"][data-group="technical-community"]');
    await pw(group).toContainText('Remote');

    await mod.getByTestId('participants-fold').locator('summary').first().click();
    const row = mod.getByTestId('participant-admin').locator('[data-testid="pa-row"][data-id="p-tc-gh"]');
    await pw(row.getByTestId('pa-row-where')).toHaveText('remote');
    await row.getByTestId('pa-toggle-room').click();
    await pw(group).toContainText('In the room');
    await expect.poll(() => group.textContent()).not.toContain('Remote');
    await pw(row.getByTestId('pa-row-where')).toHaveText('in the room');
    await pw(mod.getByTestId('presence').locator('[data-group="technical-community"]')).toContainText('In the room');

    // Correct Chen Wei's affiliation and group through the edit form.
    const chen = mod.getByTestId('participant-admin').locator('[data-testid="pa-row"][data-id="p-ps-cn"]');
    await chen.getByTestId('pa-edit').click();
    await chen.getByTestId('pa-affiliation').fill('Huaxin Networks, Shenzhen');
    await chen.getByTestId('pa-group').selectOption('technical-community');
    await chen.getByTestId('pa-save').click();
    // The name is isolated (U+2068…U+2069) so it keeps its direction inside any language's sentence.
    await pw(mod.getByTestId('pa-saved')).toHaveText('Changes to \u2068Chen Wei\u2069 saved.');
    await pw(chen).toContainText('Huaxin Networks, Shenzhen');
    const p = (await srv.service.get(srv.meetingId)).participants['p-ps-cn']!;
    expect(p).toMatchObject({ affiliation: 'Huaxin Networks, Shenzhen', group: 'technical-community' });

    // An empty name is refused by the server and said in the panel.
    await chen.getByTestId('pa-edit').click();
    await chen.getByTestId('pa-name').fill('   ');
    await chen.getByTestId('pa-name').evaluate((el) => el.removeAttribute('required'));
    await chen.getByTestId('pa-save').click();
    await pw(mod.getByTestId('pa-error')).toHaveAttribute('data-code', 'bad_request');
    expect(await text(mod, 'pa-error')).toBe('The request was not valid. Check the fields and try again.');
    expect(e2e.pageErrors).toEqual([]);
  });
});
