/**
 * The WSIS consultation in the browser, end to end, with the server's clock set to 1 March 2021
 * (the call for submissions open, one week before its deadline) and Chromium in New York:
 * - a visitor reads the public page in Arabic (right to left), sees the phases on Zurich's clocks and
 *   their own (9 Sep 2020 15:00 CEST = 09:00 in New York), sends a contribution with a real PDF and
 *   gets a reference number and a private edit link;
 * - the secretariat accepts it, tags it (Action Lines), publishes it and attaches it to an agenda item
 *   chosen by its title; the attachment reads by item and meeting title, and as "removed item" once
 *   the chair removes an item from the agenda;
 *   the compilation (secretariat's and public) contains it and the meeting's participant page shows it;
 * - once the deadline passes on the server's clock, the edit page says so and a late save is refused
 *   with the translated `consultation.deadline_passed`.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { minutesText } from '../../server/http/minutes-text.js';
import { SYSTEM } from '../../shared/domain/index.js';
import { axeAudit, expectLocator as pw, meetingPage, useE2E } from './harness.js';

/** 1 March 2021, 10:00 in Geneva (CET): every call open, the deadline (8 March) a week away. */
const MARCH_1 = Date.parse('2021-03-01T10:00:00+01:00');
/** The first refused instant: 9 March 2021 00:00:00 in Zurich. */
const CLOSES_AT = Date.parse('2021-03-09T00:00:00+01:00');

// The server's clock runs at real speed from wherever the test puts it.
let shift = MARCH_1 - Date.now();
const setServerTime = (ms: number) => (shift = ms - Date.now());
const e2e = useE2E({ app: { clock: { now: () => Date.now() + shift } } });

const CID = 'wsis2021';
const clean = (s: string | null) => (s ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
/** Text without the Unicode isolates (U+2068/U+2069) that keep user titles from reordering a sentence. */
const plain = (s: string | null) => clean(s).replace(/[\u2068\u2069]/g, '');
const text = async (p: Page, testid: string) => clean(await p.getByTestId(testid).first().textContent());

/** A small but well-formed one-page PDF (with a correct cross-reference table). */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 56 >>\nstream\nBT /F1 18 Tf 20 70 Td (Community networks) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function secretariatToken(): string {
  return e2e.server.app.consultations.tokens.sign({ kind: 'secretariat', consultationId: CID, exp: Date.now() + shift + 86_400_000 });
}

describe('consultation', () => {
  it('a visitor in New York reads the page in Arabic, sends a contribution with a PDF; the secretariat accepts, tags, publishes and attaches it; the deadline closes the edit link', async () => {
    setServerTime(MARCH_1);
    const srv = e2e.server;
    /** WCAG 2.1 AA findings on every page of the flow (axe-core), checked at the end. */
    const found: string[] = [];

    // ---- The public page, in Arabic, right to left.
    const page = await e2e.open('/?lang=ar');
    await page.getByTestId('phase-timeline').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await text(page, 'consultation-title')).toBe('منتدى القمة العالمية لمجتمع المعلومات 2021 — عملية التشاور المفتوحة');
    // Five phases, the first three over, "now" before the deadline phase.
    await pw(page.getByTestId('phase')).toHaveCount(5);
    const statuses = await page.getByTestId('phase').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(['closed', 'closed', 'closed', 'upcoming', 'upcoming']);
    const order = await page.locator('.timeline > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['phase', 'phase', 'phase', 'timeline-now', 'phase', 'phase']);
    // The opening: 15:00–16:00 on Zurich's clocks (CEST), 09:00–10:00 on the viewer's (New York).
    const opening = page.locator('[data-phase-id="opening"]').getByTestId('phase-times');
    const arDigits = (s: string) => s.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));
    const hostAr = arDigits(clean(await opening.getByTestId('host-time').textContent()));
    const viewerAr = arDigits(clean(await opening.getByTestId('viewer-time').textContent()));
    // Arabic reads a 12-hour clock: 3:00–4:00 م (pm) in Zurich, 9:00–10:00 ص (am) in New York.
    expect(hostAr).toMatch(/(3:00.*4:00|4:00.*3:00) م/);
    expect(hostAr).toContain('Europe/Zurich');
    expect(viewerAr).toMatch(/(9:00.*10:00|10:00.*9:00) ص/);
    expect(viewerAr).toContain('America/New_York');
    // The thematic call is open, counting down to 8 March 23:59 Zurich = 17:59 New York.
    const call = page.locator('[data-call-id="thematic"]');
    await pw(call).toHaveAttribute('data-status', 'open');
    const deadlines = page.getByTestId('call-group').first();
    expect(arDigits(clean(await deadlines.getByTestId('viewer-time').textContent()))).toMatch(/5:59 م/);
    expect(await deadlines.getByTestId('call-countdown').textContent()).toMatch(/تُغلق بعد/);
    found.push(...(await axeAudit(page, 'public/ar')));

    // ---- The same page in English, for the exact times (and the language switch on the page).
    await page.getByTestId('consultation-lang-en').click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await pw(opening.getByTestId('host-time')).toHaveText('Wednesday, 9 September 2020 · 15:00–16:00 CEST, Europe/Zurich');
    await pw(opening.getByTestId('viewer-time')).toHaveText('Wednesday, 9 September 2020 · 09:00–10:00 GMT-4, America/New_York');
    // November is CET in Zurich and EST in New York.
    const november = page.locator('[data-phase-id="igf-open-forum"]').getByTestId('phase-times');
    await pw(november.getByTestId('host-time')).toContainText('10:10–11:10 CET');
    await pw(november.getByTestId('viewer-time')).toContainText('04:10–05:10 GMT-5');
    await pw(deadlines.getByTestId('call-countdown')).toContainText('Closes in 7 days, 13 hours');
    await pw(deadlines.getByTestId('host-time')).toHaveText('Monday, 8 March 2021 at 23:59 CET, Europe/Zurich');
    await pw(deadlines.getByTestId('viewer-time')).toHaveText('Monday, 8 March 2021 at 17:59 GMT-5, America/New_York');
    await page.getByTestId('consultation-lang-ar').click();

    // ---- A contribution with a PDF, in Arabic.
    await call.getByTestId('call-respond').click();
    const form = page.getByTestId('submission-form');
    await form.waitFor();
    // Nothing chosen yet: the form says which field is missing, in Arabic, and sends nothing.
    await form.getByTestId('submission-submit').click();
    await pw(form.getByTestId('field-error').first()).toHaveText('هذا الحقل إلزامي.');
    await pw(form.getByTestId('submission-name')).toBeFocused();
    found.push(...(await axeAudit(page, 'submit/ar')));
    await form.getByTestId('submission-name').fill('ليلى حداد');
    await form.getByTestId('submission-organisation').fill('وزارة الاتصالات وتكنولوجيا المعلومات');
    await form.getByTestId('submission-group').selectOption('government');
    await form.getByTestId('submission-country').selectOption('EG');
    await form.getByTestId('submission-language').selectOption('ar');
    await form.getByTestId('submission-title').fill('الشبكات المجتمعية في المناطق الريفية');
    await form.getByTestId('submission-text').fill('نقترح جلسة مخصصة للشبكات المجتمعية ودورها في سد الفجوة الرقمية.');
    await pw(form.getByTestId('submission-counter')).toContainText('63 من 20,000 حرف');
    await form.getByTestId('submission-attachment').setInputFiles({ name: 'community-networks.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await form.getByTestId('submission-consent').check();
    await form.getByTestId('submission-submit').click();

    const receipt = page.getByTestId('submission-receipt');
    await receipt.waitFor();
    const ref = await receipt.getByTestId('receipt-ref').inputValue();
    expect(ref).toMatch(/^WSIS2021-\d{4}$/);
    const editLink = await receipt.getByTestId('receipt-link').inputValue();
    expect(editLink).toMatch(new RegExp(`^${srv.url}/c/${CID}/edit/[\\w-]+\\?t=pc1\\.`));
    expect(await receipt.getByTestId('receipt-attach-error').count()).toBe(0);
    found.push(...(await axeAudit(page, 'receipt/ar')));
    // Stored, with its PDF.
    const sid = new URL(editLink).pathname.split('/').pop()!;
    const stored = (await srv.app.consultations.service.get(CID)).submissions[sid]!;
    expect(stored).toMatchObject({ ref, title: 'الشبكات المجتمعية في المناطق الريفية', group: 'government', country: 'EG', language: 'ar', consent: true, status: 'received' });
    expect(stored.attachment?.name).toBe('community-networks.pdf');

    // ---- A damaged edit link says so (in Arabic), without a stack or raw message.
    const damaged = await e2e.open(editLink.replace(/\?t=pc1\.[^.]+/, '?t=pc1.AAAA'), { contextOptions: { locale: 'ar' } });
    await pw(damaged.getByTestId('edit-error')).toHaveText('رابط التعديل هذا غير صالح. تأكد من أنك فتحت الرابط كاملًا.');
    await damaged.context().close();

    // ---- The edit link works before the deadline.
    const edit = await e2e.open(editLink, { contextOptions: { locale: 'ar' } });
    await edit.getByTestId('submission-form').waitFor();
    await pw(edit.getByTestId('edit-ref')).toHaveText(ref);
    await pw(edit.getByTestId('submission-current-file')).toContainText('community-networks.pdf');
    await edit.getByTestId('submission-title').fill('الشبكات المجتمعية في المناطق الريفية والنائية');
    await edit.getByTestId('submission-submit').click();
    await edit.getByTestId('edit-saved').waitFor();
    found.push(...(await axeAudit(edit, 'edit/ar')));

    // ---- The secretariat: accept, tag, publish, attach to an agenda item; keyboard-reachable controls.
    const token = secretariatToken();
    const review = await e2e.open(`/c/${CID}/review?t=${encodeURIComponent(token)}&lang=en`);
    await review.getByTestId('filter-language').selectOption('ar');
    const item = review.locator(`[data-testid="review-item"][data-ref="${ref}"]`);
    await item.waitFor();
    await pw(item.getByTestId('review-status')).toHaveText('To review');
    // By keyboard: Enter on "Accept", Space on the Action Line boxes, Enter on "Save tags".
    await item.getByTestId('review-accept').focus();
    await review.keyboard.press('Enter');
    await pw(item.getByTestId('review-status')).toHaveText('Accepted');
    await item.getByTestId('review-line-C3').focus();
    await review.keyboard.press('Space');
    await item.getByTestId('review-line-C8').focus();
    await review.keyboard.press('Space');
    await item.getByTestId('review-save-tags').focus();
    await review.keyboard.press('Enter');
    await pw(item.getByTestId('review-save-tags')).toHaveAttribute('disabled', '');
    await item.getByTestId('review-publish').click();
    await item.getByTestId('review-published').waitFor();
    // Attach it to the current agenda item of the demo meeting (29 January, hybrid).
    const meetingState = await srv.service.get(srv.meetingId);
    const agendaItem = meetingState.agenda.items[0]!;
    const meetingTitle = meetingState.info.title;
    // The meeting by its title, then the item by its title: the picker lists the agenda in order, numbered.
    await item.getByTestId('review-link-meeting').selectOption({ label: meetingTitle });
    const picker = item.getByTestId('review-link-item');
    expect((await picker.locator('option').allTextContents()).slice(1).map(clean)).toEqual(meetingState.agenda.items.map((i, n) => `${n + 1}. ${i.title}`));
    await picker.selectOption({ label: `1. ${agendaItem.title}` });
    await item.getByTestId('review-link').click();
    // The attachment reads by titles, never by the id.
    const attached = plain(await item.getByTestId('review-agenda-link').textContent());
    expect(attached).toContain(`Attached to “${agendaItem.title}” in ${meetingTitle}`);
    expect(attached).not.toContain(agendaItem.id);
    const reviewed = (await srv.app.consultations.service.get(CID)).submissions[sid]!;
    expect(reviewed).toMatchObject({ status: 'accepted', published: true, actionLines: ['C3', 'C8'], agendaLinks: [{ meetingId: srv.meetingId, itemId: agendaItem.id }] });
    found.push(...(await axeAudit(review, 'review/en')));
    // Filters narrow the list: nothing from this visitor among the declined ones.
    await review.getByTestId('filter-status').selectOption('declined');
    await pw(review.locator(`[data-testid="review-item"][data-ref="${ref}"]`)).toHaveCount(0);
    await review.getByTestId('filter-status').selectOption('accepted');
    await review.getByTestId('filter-action-line').selectOption('C8');
    await pw(review.locator(`[data-testid="review-item"][data-ref="${ref}"]`)).toHaveCount(1);
    await review.getByTestId('filter-action-line').selectOption('C1');
    await pw(review.locator(`[data-testid="review-item"][data-ref="${ref}"]`)).toHaveCount(0);

    // ---- The compilation contains it (secretariat's download, in Arabic; and the public one).
    const mdHref = await review.getByTestId('review-download-md').getAttribute('href');
    await review.getByTestId('review-download-lang').selectOption('ar');
    const mdAr = await review.request.get(new URL((await review.getByTestId('review-download-md').getAttribute('href'))!, srv.url).href);
    expect(mdAr.status()).toBe(200);
    expect(await mdAr.text()).toContain('الشبكات المجتمعية في المناطق الريفية والنائية');
    expect(mdHref).toContain('scope=accepted');
    const publicPage = await e2e.open('/?lang=en');
    await publicPage.getByTestId('compilation-md').waitFor();
    // Published: readable on the public page (newest first).
    await pw(publicPage.getByTestId('published-item').first()).toHaveAttribute('data-ref', ref);
    const csv = await publicPage.request.get(new URL((await publicPage.getByTestId('compilation-csv').getAttribute('href'))!, srv.url).href);
    expect(await csv.text()).toContain(ref);

    // ---- The meeting's participant page shows it under its agenda item.
    const participant = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!));
    const onAgenda = participant.locator(`[data-testid="agenda-submission"][data-ref="${ref}"]`);
    await onAgenda.waitFor();
    expect(clean(await onAgenda.textContent())).toContain('الشبكات المجتمعية');

    // ---- The chair removes an item a seeded contribution was attached to: it now reads "an item since
    // removed (id)", in the reader's language, on the secretariat's list and the public page; ours keeps its titles.
    const hubs = (await srv.app.consultations.service.get(CID)).submissions['sample-hubs']!;
    const gone = hubs.agendaLinks.find((l) => l.meetingId === srv.meetingId)!;
    expect(gone.itemId).not.toBe(agendaItem.id);
    expect((await srv.service.execute(srv.meetingId, { type: 'agenda:remove', itemId: gone.itemId }, SYSTEM)).ok).toBe(true);
    // The review page still offers it (loaded before): attaching ours to it is refused, translated, and
    // the picker is fetched again without it.
    await review.getByTestId('filter-action-line').selectOption({ value: '' });
    const goneTitle = meetingState.agenda.items.find((i) => i.id === gone.itemId)!.title;
    const ourLinker = item.getByTestId('agenda-linker');
    await ourLinker.getByTestId('review-link-meeting').selectOption(srv.meetingId);
    await ourLinker.getByTestId('review-link-item').selectOption(gone.itemId);
    await ourLinker.getByTestId('review-link').click();
    await pw(review.getByTestId('review-error')).toHaveAttribute('data-code', 'agenda.item_not_found');
    expect(clean(await review.getByTestId('review-error').textContent())).toBe('This agenda item no longer exists.');
    await pw(ourLinker.getByTestId('review-link-item').locator('option', { hasText: goneTitle })).toHaveCount(0);
    expect((await srv.app.consultations.service.get(CID)).submissions[sid]!.agendaLinks).toEqual([{ meetingId: srv.meetingId, itemId: agendaItem.id }]);
    await review.reload();
    const hubsRow = review.locator(`[data-testid="review-item"][data-ref="${hubs.ref}"]`);
    await pw(hubsRow.getByTestId('agenda-link-text')).toHaveAttribute('data-removed', 'true');
    expect(plain(await hubsRow.getByTestId('review-agenda-link').textContent())).toContain(`Attached to an item since removed (${gone.itemId}) in ${meetingTitle}`);
    const publicAr = await e2e.open('/?lang=ar');
    const linkText = async (r: string) => {
      const l = publicAr.locator(`[data-testid="published-item"][data-ref="${r}"] [data-testid="published-agenda-link"]`);
      await l.first().waitFor();
      return plain(await l.first().textContent());
    };
    expect(await linkText(ref)).toBe(`مدرجة في جدول أعمال ${meetingTitle}: «${agendaItem.title}»`);
    expect(await linkText(hubs.ref)).toBe(`مدرجة في جدول أعمال ${meetingTitle}: بند حُذف لاحقًا (${gone.itemId})`);
    found.push(...(await axeAudit(publicAr, 'public/ar/agenda-links')));

    // ---- The deadline passes (server clock): the open edit page's save is refused, in Arabic, and
    // on reload the page says editing is over.
    setServerTime(CLOSES_AT + 1_000);
    await edit.getByTestId('submission-text').fill('تعديل متأخر');
    await edit.getByTestId('submission-submit').click();
    await pw(edit.getByTestId('submission-error')).toHaveAttribute('data-code', 'consultation.deadline_passed');
    expect(await text(edit, 'submission-error')).toMatch(/^انقضى الموعد النهائي/);
    await edit.reload();
    await edit.getByTestId('edit-closed').waitFor();
    expect(await edit.getByTestId('submission-form').count()).toBe(0);
    // Still readable, with its PDF (the very bytes sent).
    const pdf = await edit.request.get(new URL((await edit.getByTestId('edit-attachment').getAttribute('href'))!, srv.url).href);
    expect(pdf.status()).toBe(200);
    expect(Buffer.from(await pdf.body()).equals(tinyPdf())).toBe(true);
    expect((await srv.app.consultations.service.get(CID)).submissions[sid]!.text).not.toBe('تعديل متأخر');
    // The public page: the call is closed, no form to open.
    await publicPage.reload();
    await publicPage.getByTestId('open-calls').waitFor();
    await pw(publicPage.locator('[data-call-id="thematic"]')).toHaveCount(0);

    // On a phone: the public page, audited too.
    const phone = await e2e.open('/?lang=ar', { contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
    await phone.getByTestId('phase-timeline').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    found.push(...(await axeAudit(phone, 'public/ar/phone')));

    expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
    // Chromium logs the three refusals provoked above as failed requests (the damaged link: 401; the
    // attach to a removed item and the late save: 422); nothing else may appear.
    const refused = e2e.pageErrors.filter((e) => /status of (401|422)/.test(e));
    expect(refused.map((e) => /status of (\d+)/.exec(e)![1]).sort()).toEqual(['401', '422', '422']);
    expect(e2e.pageErrors.filter((e) => !refused.includes(e))).toEqual([]);
  }, 120_000);

  it('an author withdraws a contribution from the edit page in two presses; it then reads as withdrawn', async () => {
    setServerTime(MARCH_1);
    const srv = e2e.server;
    const errorsBefore = e2e.pageErrors.length;
    const res = await fetch(`${srv.url}/api/consultations/${CID}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        callId: 'format',
        fields: { name: 'Kwame Mensah', organisation: 'WANOG', group: 'technical-community', country: 'GH', language: 'en', title: 'Remote hubs', text: 'Hubs in each region.', consent: false },
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { editUrl: string; submission: { id: string; ref: string } };
    const edit = await e2e.open(created.editUrl);
    await edit.getByTestId('submission-form').waitFor();
    await edit.getByTestId('edit-withdraw').click();
    // The first press only asks.
    await pw(edit.getByTestId('edit-withdraw')).toHaveText('Confirm: withdraw it');
    expect((await srv.app.consultations.service.get(CID)).submissions[created.submission.id]!.status).toBe('received');
    await edit.getByTestId('edit-withdraw').click();
    await pw(edit.getByTestId('edit-withdrawn')).toHaveText('You withdrew this contribution; it will not be considered.');
    await pw(edit.getByTestId('edit-status')).toHaveText('Withdrawn');
    expect(await edit.getByTestId('submission-form').count()).toBe(0);
    expect((await srv.app.consultations.service.get(CID)).submissions[created.submission.id]!.status).toBe('withdrawn');
    expect(e2e.pageErrors.slice(errorsBefore)).toEqual([]);
  });

  it('the minutes a moderator downloads have their headings in the moderator page language', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(`${meetingPage(srv, 'moderator', srv.tokens.moderator)}&lang=ar`);
    const link = mod.getByTestId('minutes-md');
    await link.waitFor({ state: 'attached' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toContain('lang=ar');
    const md = await mod.request.get(new URL(href, srv.url).href);
    expect(md.status()).toBe(200);
    expect(await md.text()).toMatch(new RegExp(`^# ${minutesText('ar').minutes}: `));
    // Switching the page to French switches the link.
    await mod.getByTestId('language-picker').selectOption('fr');
    await pw(link).toHaveAttribute('href', href.replace('lang=ar', 'lang=fr'));
  });

  it('a draft survives a reload; when the deadline passes while typing, the text stays and the late send is refused, translated', async () => {
    // Ten seconds before midnight in Geneva: time to open the page and type, even on a loaded machine.
    setServerTime(CLOSES_AT - 10_000);
    const srv = e2e.server;
    const errorsBefore = e2e.pageErrors.length;
    const page = await e2e.open(`/c/${CID}/calls/format/submit?lang=fr`);
    const form = page.getByTestId('submission-form');
    await form.waitFor();
    await form.getByTestId('submission-name').fill('Amélie Dubois');
    await form.getByTestId('submission-group').selectOption('intergovernmental');
    await form.getByTestId('submission-country').selectOption('FR');
    await form.getByTestId('submission-title').fill('Format hybride');
    await form.getByTestId('submission-text').fill('Une salle, des écrans, six langues.');
    await page.reload();
    await pw(page.getByTestId('submission-title')).toHaveValue('Format hybride');
    await pw(page.getByTestId('submission-country')).toHaveValue('FR');
    // Midnight in Geneva passes: the form stays, with a notice.
    await pw(page.getByTestId('submit-now-closed'), 20_000).toBeVisible();
    await pw(page.getByTestId('submission-text')).toHaveValue('Une salle, des écrans, six langues.');
    await page.getByTestId('submission-submit').click();
    await pw(page.getByTestId('submission-error')).toHaveAttribute('data-code', 'consultation.deadline_passed');
    expect(await text(page, 'submission-error')).toMatch(/^La date limite est passée/);
    const titles = Object.values((await srv.app.consultations.service.get(CID)).submissions).map((x) => x.title);
    expect(titles).not.toContain('Format hybride');
    // The refused send (422) is the only failed request.
    expect(e2e.pageErrors.slice(errorsBefore).map((e) => /status of (\d+)/.exec(e)?.[1] ?? e)).toEqual(['422']);
  }, 60_000);
});
