import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, ConsoleMessage, Page, chromium } from 'playwright-core';
import { ControlPlaneHarness, startControlPlane } from '#test-support/control-plane-harness';

// The console end to end: a real control plane (its own PostgreSQL schema, Redis prefix and embedded S3) serving
// the built web app (dist/web), and Debian's Chromium driven through roles, labels and visible text.

const ROOT = resolve(__dirname, '../../../../..');
const WEB_DIST = join(ROOT, 'dist/web/index.html');
const AXE = require.resolve('axe-core/axe.min.js');
/** The line apps/web/src/i18n/i18n.ts logs for a key no locale has. */
const MISSING_KEY_MARKER = 'i18n: missing key';

export type ControlPlaneOverrides = Parameters<typeof startControlPlane>[0];

export interface ConsoleStack {
  cp: ControlPlaneHarness;
  browser: Browser;
  /** A fresh browser profile (no storage, no session) in a language and time zone. */
  open(options?: { locale?: string; timezoneId?: string }): Promise<ConsolePage>;
  close(): Promise<void>;
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Missing i18n keys, page errors and console errors seen so far: each test ends by asserting none. */
  problems: string[];
  close(): Promise<void>;
}

export async function startConsoleStack(overrides: ControlPlaneOverrides = {}): Promise<ConsoleStack> {
  if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: run \`npm run build\` first`);
  const cp = await startControlPlane(overrides);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await cp.close();
    throw e;
  }
  const pages: ConsolePage[] = [];
  return {
    cp,
    browser,
    async open({ locale = 'en-GB', timezoneId = 'Europe/Paris' } = {}) {
      // A new context is a fresh profile: no localStorage, no sessionStorage, no cookies.
      const context = await browser.newContext({
        baseURL: cp.url,
        locale,
        timezoneId,
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cp.url });
      // Every test also proves the pages live within their Content-Security-Policy: a violation is a console error.
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(
            `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          ),
        ),
      );
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m: ConsoleMessage) => {
        const text = m.text();
        if (text.includes(MISSING_KEY_MARKER)) problems.push(text);
        // A refused request logs "Failed to load resource … 4xx": the page shows those in words, they are not bugs.
        else if (m.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console error: ${text}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      const cpage: ConsolePage = { context, page, problems, close: () => context.close() };
      pages.push(cpage);
      return cpage;
    },
    async close() {
      for (const p of pages) await p.context.close().catch(logIgnored);
      await browser.close();
      await cp.close();
    },
  };
}

/** Debian's Chromium, headless, as every browser test of the web app drives it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function logIgnored(e: unknown): void {
  process.stderr.write(`console-stack: ignored while closing: ${e instanceof Error ? e.message : String(e)}\n`);
}

/** Signs in through the form, as a person does, and waits for the start page of the role. */
export async function signIn(page: Page, email: string, password: string, { fromHome = true } = {}): Promise<void> {
  if (fromHome) {
    await page.goto('/');
    await page
      .getByRole('link', { name: /sign in|se connecter/i })
      .first()
      .click();
  }
  await page.getByLabel(/^(email|adresse e-mail)/i).fill(email);
  await page.getByLabel(/^(password|mot de passe)/i).fill(password);
  await page.getByRole('button', { name: /^(sign in|se connecter)$/i }).click();
  await page.getByRole('button', { name: /sign out|se déconnecter/i }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's serious and critical WCAG 2.2 A/AA violations of the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, which the page's CSP does not govern (an inline <script> would be refused)
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${readFileSync(AXE, 'utf8')}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations;
  });
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
}

/** A wall-clock datetime-local value `days` from now at hh:mm in a zone (for filling the event form). */
export function wallTime(days: number, hh: number, mm: number, timeZone = 'Europe/Paris'): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    d,
  );
  return `${ymd}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}
