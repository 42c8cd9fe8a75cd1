import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium (installed by scripts/ensure-system-packages.sh), never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A fresh browser profile (its own cookies) on the app. CSP is bypassed only so that axe-core can
 * be injected; the pages' own scripts still come from the app.
 */
export async function newContext(browser: Browser, baseURL: string, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    bypassCSP: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1100, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  // Fail a step quickly (and say which) rather than running into the test's own timeout.
  context.setDefaultTimeout(10_000);
  // axe-core in every document from the start (cheaper than adding it to each page afterwards).
  if (options.javaScriptEnabled !== false) await context.addInitScript({ content: AXE_SOURCE });
  return context;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string; html: string }>;
}

const axeLoaded = (page: Page) => page.evaluate(() => typeof (globalThis as any).axe !== 'undefined');

/**
 * Injects axe-core; false when the page cannot run it (a context with JavaScript turned off, where
 * an added script never runs).
 */
async function injectAxe(page: Page): Promise<boolean> {
  if (await axeLoaded(page)) return true;
  await page.addScriptTag({ content: AXE_SOURCE });
  return axeLoaded(page);
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on the page as it stands. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await injectAxe(page))) throw new Error(`axe-core cannot run on ${page.url()}: are scripts turned off?`);
  return page.evaluate(async (tags) => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html })),
    }));
  }, AXE_TAGS);
}

export function describeViolations(url: string, violations: AxeViolation[]): string {
  return (
    `axe found ${violations.length} violation(s) on ${url}:\n` +
    violations
      .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.html.slice(0, 200)}\n      ${n.failureSummary ?? ''}`).join('\n'))
      .join('\n')
  );
}

/**
 * Every page a test visits goes through `check`: a full-page screenshot written to
 * test-artifacts/screenshots/<test>-<nn>-<step>.png, and zero axe violations.
 *
 * A context with JavaScript disabled cannot run axe; `check` then loads the same markup (and the
 * app's stylesheet) into a scratch page of a JavaScript-enabled context and checks it there.
 */
export class PageChecker {
  private step = 0;
  private readonly checked = new Set<string>();
  readonly visited: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly test: string,
  ) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // This run's screenshots only: drop the ones an earlier run of the same test left behind.
    for (const file of readdirSync(SCREENSHOT_DIR)) if (file.startsWith(`${test}-`)) rmSync(join(SCREENSHOT_DIR, file), { force: true });
  }

  async check(page: Page, name: string): Promise<void> {
    this.step += 1;
    const file = join(SCREENSHOT_DIR, `${this.test}-${String(this.step).padStart(2, '0')}-${name}.png`);
    await page.waitForLoadState('load');
    this.visited.push(`${name} ${page.url()}`);
    const [violations] = await Promise.all([this.violations(page), page.screenshot({ path: file, fullPage: true })]);
    if (violations.length > 0) throw new Error(describeViolations(`${page.url()} (step ${name})`, violations));
  }

  private async violations(page: Page): Promise<AxeViolation[]> {
    // The same markup but for its one-time values (form token, link token, where to go next) gives
    // the same answer: check it once.
    const key = (await page.content())
      .replace(/name="(_csrf|next)" value="[^"]*"/g, '')
      .replace(/\/sign-in\/[A-Za-z0-9_-]{20,}/g, '/sign-in/*');
    if (this.checked.has(key)) return [];
    const violations = (await injectAxe(page)) ? await axeViolations(page) : await this.checkMarkupElsewhere(page);
    this.checked.add(key);
    return violations;
  }

  private scratch: Promise<{ context: BrowserContext; page: Page }> | null = null;
  private scratchDocument = { url: '', html: '' };

  /** The markup of a page whose scripts are off, checked in a scripts-on scratch page at the same address. */
  private async checkMarkupElsewhere(page: Page): Promise<AxeViolation[]> {
    // Without its scripts (inline ones too), as the script-less browser has it.
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    const url = page.url().replace(/#.*$/, ''); // a request never carries the fragment
    this.scratchDocument = { url, html };
    this.scratch ??= (async () => {
      const context = await this.browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
      await context.addInitScript({ content: AXE_SOURCE });
      const scratch = await context.newPage();
      await scratch.route('**/*', (route) => {
        const request = route.request();
        if (request.resourceType() === 'document' && request.url() === this.scratchDocument.url) {
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: this.scratchDocument.html });
        }
        if (request.resourceType() === 'script') return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
        return route.continue();
      });
      return { context, page: scratch };
    })();
    const { page: scratch } = await this.scratch;
    await scratch.goto(url);
    // Make sure it is the captured markup that is checked, not the address fetched afresh.
    if (scratch.url() !== url || (await scratch.title()) !== (await page.title())) {
      throw new Error(`could not reproduce ${url} for axe (got ${scratch.url()}, "${await scratch.title()}")`);
    }
    return axeViolations(scratch);
  }

  async close(): Promise<void> {
    if (this.scratch) await (await this.scratch).context.close();
    this.scratch = null;
  }
}

/** Reads a downloaded file (a link with Content-Disposition: attachment) as text. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}
