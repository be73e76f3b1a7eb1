/**
 * End-to-end harness: the built client (rebuilt when client/ or shared/ changed), the real server
 * from test/helpers/server.ts serving it, and headless Debian Chromium through playwright-core.
 * Screenshots of every open page land in test-results/ when a test fails.
 *
 *   const e2e = useE2E();            // at the top of a test file: one server and browser for the file
 *   it('…', async () => {
 *     const page = await e2e.open(meetingPage(e2e.server, 'moderator', e2e.server.tokens.moderator));
 *   });
 *
 * or by hand: `const e2e = await startE2E(); … await e2e.close();`
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer, type StartTestServerOptions, type TestServer } from '../helpers/server.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist/client');
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium for the audio tests: fake microphones and speakers granted without a prompt, audio that
 * plays without a gesture, and real host ICE candidates (no mDNS) so it reaches mediasoup on
 * 127.0.0.1. `extraArgs`, e.g. `--use-file-for-fake-audio-capture=<wav>`.
 */
export function launchFakeMediaChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      ...extraArgs,
    ],
  });
}

/**
 * Builds the client unless dist/client is newer than every source it is built from. Serialised
 * with a file lock (and re-checked inside it) so parallel test files do not build twice at once.
 */
export function ensureClientBuilt(): void {
  const stale =
    '[ -f dist/client/index.html ] && [ -z "$(find client shared vite.config.ts package.json -type f -newer dist/client/index.html | head -n 1)" ]';
  execFileSync('flock', ['/tmp/plenary-vite-build.lock', 'sh', '-c', `${stale} || npx vite build --logLevel warn`], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 180_000,
  });
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('vite build produced no dist/client/index.html');
}

export interface E2E {
  server: TestServer;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** A fresh browser context (its own storage, like another person's device). */
  context(opts?: BrowserContextOptions): Promise<BrowserContext>;
  /** Opens `path` in a new page of a new context (or of `context`) and waits for the app to mount. */
  open(path: string, opts?: { context?: BrowserContext; contextOptions?: BrowserContextOptions }): Promise<Page>;
  /** Saves a full-page PNG as test-results/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Messages of uncaught page errors and console errors seen so far. */
  pageErrors: string[];
  /**
   * Stops the server and starts it again on the same port and data: open pages must show the
   * connection dropping and then catch up by themselves. `server` is replaced by the new one.
   * `whileDown` runs while the server is stopped (to act on the pages meanwhile).
   */
  restartServer(whileDown?: () => Promise<void>): Promise<TestServer>;
  /** Closes every open context (e.g. in afterEach, so pages do not pile up across tests). */
  closeContexts(): Promise<void>;
  close(): Promise<void>;
}

/** Defaults every context gets: a viewer in another zone than the meeting, a desktop viewport. */
const CONTEXT_DEFAULTS: BrowserContextOptions = {
  viewport: { width: 1280, height: 900 },
  locale: 'en-GB',
  timezoneId: 'America/New_York',
};

let active: E2E | null = null;

/** Builds the client if needed, starts the server (serving dist/client) and Chromium. */
export async function startE2E(opts: StartTestServerOptions = {}): Promise<E2E> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  ensureClientBuilt();
  // A fixed port (rather than 0) lets restartServer() come back where open pages reconnect to.
  const port = opts.env?.PORT ?? String(await freePort());
  let server = await startTestServer({ ...opts, env: { CLIENT_DIR: DIST, PORT: port, ...opts.env } });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (e) {
    await server.stop();
    throw e;
  }
  const contexts = new Set<BrowserContext>();
  const pageErrors: string[] = [];

  const e2e: E2E = {
    server,
    browser,
    baseUrl: server.url,
    pageErrors,
    async closeContexts() {
      await Promise.allSettled([...contexts].map((c) => c.close()));
    },
    async restartServer(whileDown) {
      server = await server.restart(whileDown);
      e2e.server = server;
      return server;
    },
    async context(o = {}) {
      const ctx = await browser.newContext({ ...CONTEXT_DEFAULTS, baseURL: server.url, ...o });
      ctx.setDefaultTimeout(10_000);
      contexts.add(ctx);
      ctx.on('close', () => contexts.delete(ctx));
      return ctx;
    },
    async open(path, o = {}) {
      const ctx = o.context ?? (await e2e.context(o.contextOptions));
      const page = await ctx.newPage();
      page.on('pageerror', (err) => pageErrors.push(`pageerror ${page.url()}: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(`console ${page.url()}: ${msg.text()}`);
      });
      await page.goto(path);
      await page.locator('#app > *').first().waitFor();
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(RESULTS, { recursive: true });
      const file = join(RESULTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      if (active === e2e) active = null;
      await Promise.allSettled([...contexts].map((c) => c.close()));
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
  active = e2e;
  return e2e;
}

/** A port that is free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Call once at the top of a test file: on failure, every open page is screenshotted. */
export function screenshotsOnFailure(): void {
  afterEach(async (ctx) => {
    const e2e = active;
    if (!e2e || ctx.task.result?.state !== 'fail') return;
    let n = 0;
    for (const c of e2e.browser.contexts()) {
      for (const p of c.pages()) {
        const file = await e2e.screenshot(p, `FAILED-${ctx.task.name}-${n++}`).catch(() => null);
        if (file) console.error(`screenshot of ${p.url()} → ${file}`);
      }
    }
    if (e2e.pageErrors.length) console.error(`page errors:\n${e2e.pageErrors.join('\n')}`);
  });
}

/**
 * The setup every browser test file shares, registered at its top: start the harness before its
 * tests, photograph a failing test's pages, then close that test's contexts (so pages do not pile
 * up), and stop everything after the file. Returns the harness, usable inside tests and hooks.
 */
export function useE2E(opts: StartTestServerOptions = {}): E2E {
  let current: E2E | null = null;
  beforeAll(async () => {
    current = await startE2E(opts);
  });
  afterAll(async () => {
    await current?.close();
    current = null;
  });
  // Registered before screenshotsOnFailure: vitest runs afterEach hooks last-registered first, so a
  // failing test's pages are photographed before they are closed.
  afterEach(async () => {
    await current?.closeContexts();
  });
  screenshotsOnFailure();
  // The harness exists only once beforeAll ran; the file holds this stand-in from its first line.
  return new Proxy({} as E2E, {
    get(_target, key) {
      if (key === 'then') return undefined; // not a promise, should anyone await it
      if (!current) throw new Error(`useE2E(): the harness is only available inside tests (read ${String(key)})`);
      return Reflect.get(current, key) as unknown;
    },
  });
}

/** Path of a meeting page for a token, e.g. meetingPage(srv, 'moderator', srv.tokens.moderator). */
export function meetingPage(server: TestServer, role: 'participant' | 'moderator' | 'projector' | 'room' | 'interpreter', token: string): string {
  return `/m/${encodeURIComponent(server.meetingId)}/${role}?t=${encodeURIComponent(token)}`;
}

/**
 * Retrying assertions on a locator, in the spirit of @playwright/test's `expect` (which
 * playwright-core does not ship): each polls until true or fails after `timeoutMs` with what it saw.
 */
export function expectLocator(locator: Locator, timeoutMs = 10_000) {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  async function poll(what: string, read: () => Promise<unknown>, ok: (v: unknown) => boolean): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown = undefined;
    for (;;) {
      try {
        last = await read();
        if (ok(last)) return;
      } catch (e) {
        last = e instanceof Error ? e.message.split('\n')[0] : e;
      }
      if (Date.now() > deadline) throw new Error(`${locator} ${what}: timed out after ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    toHaveText: (text: string) => poll(`toHaveText(${JSON.stringify(text)})`, async () => norm(await locator.textContent({ timeout: 1_000 })), (v) => v === text),
    toContainText: (text: string) =>
      poll(`toContainText(${JSON.stringify(text)})`, async () => norm(await locator.textContent({ timeout: 1_000 })), (v) => String(v).includes(text)),
    toHaveCount: (n: number) => poll(`toHaveCount(${n})`, () => locator.count(), (v) => v === n),
    toHaveAttribute: (name: string, value: string) =>
      poll(`toHaveAttribute(${name}=${value})`, () => locator.getAttribute(name, { timeout: 1_000 }), (v) => v === value),
    toHaveValue: (value: string) => poll(`toHaveValue(${value})`, () => locator.inputValue({ timeout: 1_000 }), (v) => v === value),
    toBeVisible: () => poll('toBeVisible()', () => locator.isVisible(), (v) => v === true),
    toBeFocused: () =>
      poll('toBeFocused()', () => locator.evaluate((el) => el === document.activeElement, undefined, { timeout: 1_000 }), (v) => v === true),
  };
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource: string | null = null;

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the page as it is now and returns its serious and critical
 * violations plus duplicate ids, one line per node (empty when clean). Same rules as a11y.test.ts.
 */
export async function axeAudit(page: Page, label: string): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
  const violations = await page.evaluate(async (tags) => {
    type Run = (ctx: Document, o: object) => Promise<{ violations: Violation[] }>;
    const axe = (window as unknown as { axe: { run: Run } }).axe;
    const res = await axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, WCAG_21_AA);
  const dupIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    document.querySelectorAll('[id]').forEach((el) => seen.set(el.id, (seen.get(el.id) ?? 0) + 1));
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  return [
    ...violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `[${label}] ${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)),
    ...dupIds.map((id) => `[${label}] duplicate id "${id}"`),
  ];
}

/** `axeAudit` without a label, for feature tests that bring their own pages (the interpreter console). */
export async function axeViolations(page: Page): Promise<string[]> {
  return axeAudit(page, 'page');
}
