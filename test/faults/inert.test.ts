/**
 * Fault 3b — user text that looks like code stays text: names, titles, questions and notes with
 * HTML, Markdown, spreadsheet formulas, calendar line injection, bidi overrides and zero-width
 * characters, entered through the real commands of a real server process, are inert in every
 * export (speakers and polls CSV, Markdown minutes, ICS) and in the rendered DOM of the moderator
 * console and the projector (headless Chromium). Text with control characters, or nothing visible,
 * is refused with bad_request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { CHROMIUM, DIST, ensureClientBuilt } from '../e2e/harness.js';
import { waitFor } from '../helpers/server.js';
import { DEMO_CHAIR_ID, DEMO_MEETING_ID, FaultServer, faultClient } from './kit.js';
import { registeredExports } from './samples.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-inert-'));
let srv: FaultServer;
let mod: PlenaryClient;
let browser: Browser | undefined;

const PWN = 'window.__pwned=1';
const TITLE = `<img src=x onerror="${PWN}"> **bold** [click](javascript:${PWN}) =HYPERLINK("http://evil.example","x")`;
const NAME = `=HYPERLINK("http://evil.example","Click") <b>Bold</b>`;
const QUESTION = `@SUM(1+1) <script>${PWN}</script> # Heading`;
const OPTION = `+cmd|' /C calc'!A0`;
const NOTE = `-2+3 \u202Egnp.exe\u202C [x](http://evil.example)`;
const ICS_TITLE = 'Break; BEGIN:VEVENT, SUMMARY:injected';
const ICS_DESCRIPTION = 'Intro\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected';
const BIDI = `Chair \u202Eevil\u202C \u200Bzero\u200Dwidth`;

beforeAll(async () => {
  ensureClientBuilt();
  srv = await FaultServer.start({ DATA_DIR: dir, REDIS_URL: '', CLIENT_DIR: DIST });
  mod = await faultClient(srv.url, srv.sign('moderator', DEMO_CHAIR_ID));
  const ok = async (c: PlenaryClient, command: Parameters<PlenaryClient['send']>[0]) => {
    const r = await c.send(command);
    if (!r.ok) throw new Error(`${command.type}: ${r.error.code} ${r.error.message}`);
    // The ack can arrive before the broadcast: wait until both clients hold the new state.
    await waitFor(() => mod.version >= r.data.version && c.version >= r.data.version, 5_000, `${command.type} applied`);
    return r.data.version;
  };
  await ok(mod, { type: 'meeting:update', changes: { title: ICS_TITLE, description: `${ICS_DESCRIPTION}\n${TITLE}\n${QUESTION}` } });
  await ok(mod, { type: 'agenda:add', title: TITLE, plannedMinutes: 5 });
  const itemId = mod.state!.agenda.items.at(-1)!.id;
  await ok(mod, { type: 'agenda:setCurrent', itemId });
  // A newcomer with a hostile name joins from an invite, asks for the floor and speaks.
  const invite = await mod.createInvite({ role: 'participant' });
  if (!invite.ok) throw new Error(invite.error.code);
  const guest = await new (await import('../../client/lib/plenary-client.js')).PlenaryClient({
    url: srv.url,
    token: invite.data.token,
    profile: { name: NAME, group: 'civil-society', affiliation: BIDI, language: 'ar', inRoom: false },
    socketOptions: { transports: ['websocket'] },
  });
  await guest.connect();
  await ok(guest, { type: 'queue:request', note: NOTE });
  await ok(mod, { type: 'queue:next' });
  await ok(mod, { type: 'queue:end' });
  await ok(mod, { type: 'poll:create', question: QUESTION, kind: 'single', options: [OPTION, NAME] });
  const pollId = mod.state!.polls.order.at(-1)!;
  await ok(mod, { type: 'poll:open', pollId });
  await ok(guest, { type: 'poll:vote', pollId, choices: [mod.state!.polls.byId[pollId]!.options[0]!.id] });
  await ok(mod, { type: 'poll:close', pollId });
  await ok(mod, { type: 'poll:showOnProjector', pollId });
  guest.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  mod?.close();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** RFC 4180 parsing (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function download(file: string): Promise<string> {
  const res = await fetch(`${srv.url}/api/meetings/${DEMO_MEETING_ID}/${file}`, { headers: { authorization: `Bearer ${srv.sign('moderator', DEMO_CHAIR_ID)}` } });
  expect(res.status, file).toBe(200);
  return res.text();
}

describe('hostile text is inert in every export', () => {
  /** Every registered export, by format: a new export is checked as soon as it registers. */
  const byFormat = (format: 'csv' | 'markdown' | 'calendar') => registeredExports().filter((e) => e.contentType.startsWith(`text/${format}`)).map((e) => e.file);

  it('covers every registered export (a new format needs its check here)', () => {
    const known = [...byFormat('csv'), ...byFormat('markdown'), ...byFormat('calendar')];
    expect(registeredExports().map((e) => e.file).sort()).toEqual(known.sort());
    expect(known).toEqual(expect.arrayContaining(['meeting.ics', 'minutes.md', 'polls.csv', 'speakers.csv']));
  });

  it('CSV: no cell starts a formula; the text is all there', async () => {
    for (const file of byFormat('csv')) {
      const cells = parseCsv(await download(file)).flat();
      for (const cell of cells) expect(cell, `${file} cell`).not.toMatch(/^[=+\-@\t\r]/);
      const joined = cells.join('\n');
      if (file === 'speakers.csv') {
        expect(cells).toContain(`'${NAME}`);
        expect(joined).toContain(TITLE.slice(1));
      } else if (file === 'polls.csv') {
        expect(cells).toContain(`'${QUESTION}`);
        expect(cells).toContain(`'${OPTION}`);
      }
    }
  });

  it('Markdown: no raw HTML, link, emphasis or heading from user text', async () => {
    for (const file of byFormat('markdown')) {
      const md = await download(file);
      expect(md).not.toMatch(/(?<!\\)<(img|script|b)\b/);
      expect(md).not.toMatch(/(?<!\\)\*\*bold(?<!\\)\*\*/);
      expect(md).not.toMatch(/(?<!\\)\[click(?<!\\)\]\(/);
      expect(md).not.toMatch(/^#\s*Heading/m);
      if (file === 'minutes.md') expect(md).toContain('\\<img src=x onerror="window.\\_\\_pwned=1"\\>');
    }
  });

  it('ICS: the title cannot inject calendar lines', async () => {
    for (const file of byFormat('calendar')) {
      const ics = await download(file);
      const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
      expect(lines.some((l) => l.startsWith('SUMMARY:injected'))).toBe(false);
      for (const l of lines) expect(l).toMatch(/^[A-Z][A-Z-]*[:;]/);
      expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    }
  });
});

describe('hostile text is inert in the pages', () => {
  it('moderator console and projector render it as text: no element, no script ran', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--headless=new'] });
    const context = await browser.newContext();
    for (const [role, token] of [['moderator', srv.sign('moderator', DEMO_CHAIR_ID)], ['projector', srv.sign('projector')]] as const) {
      const page = await context.newPage();
      await page.goto(`${srv.url}/m/${DEMO_MEETING_ID}/${role}?t=${encodeURIComponent(token)}`);
      await waitFor(async () => (await page.evaluate(() => document.body.innerText)).includes('**bold**'), 20_000, `${role} shows the title`);
      const dom = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
        bolds: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === 'Bold').length,
        scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent?.includes('__pwned')).length,
        links: Array.from(document.querySelectorAll('a')).filter((a) => /javascript:|evil\.example/.test(a.getAttribute('href') ?? '')).length,
        text: document.body.innerText,
      }));
      expect({ ...dom, text: undefined }, role).toEqual({ pwned: null, imgs: 0, bolds: 0, scripts: 0, links: 0, text: undefined });
      expect(dom.text).toContain('<img src=x onerror=');
      await page.close();
    }
  });
});

describe('text that is not text is refused', () => {
  it('control characters, or nothing visible, get bad_request and change nothing', async () => {
    const before = mod.version;
    for (const title of ['a\u0000b', 'bell\u0007', 'esc \u001b[31mred', 'del\u007f', '\u200B\u200D\u2060', ' \u00A0\uFEFF ', '\u202E\u202C']) {
      const r = await mod.send({ type: 'agenda:add', title, plannedMinutes: 5 });
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(title)).toBe('bad_request');
    }
    const note = await mod.send({ type: 'participant:remove', participantId: 'p-gov-eg', reason: 'x\u0000y' });
    expect(note.ok ? 'ok' : note.error.code).toBe('bad_request');
    const multiLine = await mod.send({ type: 'meeting:update', changes: { description: 'Line one\nLine two\tindented' } });
    expect(multiLine.ok && multiLine.data.version).toBe(before + 1);
  });
});
