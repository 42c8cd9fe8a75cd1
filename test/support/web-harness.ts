import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, PageChecker } from './browser';
import { ManualClock } from './manual-clock';
import { Parties, seedParties } from './parties.fixture';
import { ensureBuilt } from './server-process';
import { SmtpReceiver } from './smtp-receiver';
import { startTestApp, TestApp } from './test-app';

/**
 * What every browser suite starts with: the built styles, a real SMTP receiver, the app with its
 * mail dispatcher running on an injected clock, the seeded parties, one Chromium and its page
 * checker (axe and screenshots); and everything closed again afterwards.
 */
/** Sign-in limits no page suite reaches (the throttling suite sets its own). */
export const UNTHROTTLED_SIGN_IN = { SIGN_IN_LIMIT_PER_ADDRESS: '100000', SIGN_IN_LIMIT_PER_CLIENT: '100000' };

export class WebHarness {
  readonly receiver = new SmtpReceiver();
  readonly clock = new ManualClock(new Date('2026-12-01T10:00:00Z')); // a Tuesday
  smtpUrl = '';
  t!: TestApp;
  p!: Parties;
  browser!: Browser;
  checker!: PageChecker;
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<this> {
    ensureBuilt();
    this.smtpUrl = await this.receiver.start();
    [this.t, this.browser] = await Promise.all([
      // The page suites sign the same people in many times from one address: sign-in throttling has suites of its own.
      startTestApp({ clock: this.clock, workers: true, env: { SMTP_URL: this.smtpUrl, OUTBOX_POLL_INTERVAL_MS: '100', ...UNTHROTTLED_SIGN_IN, ...this.env } }),
      launchBrowser(),
    ]);
    this.p = await seedParties(this.t.api);
    this.checker = new PageChecker(this.browser, this.name);
    return this;
  }

  /** A page in a browser context of its own (a person of their own), with or without JavaScript. */
  async page(javaScriptEnabled = true): Promise<Page> {
    const context = await newContext(this.browser, this.t.baseUrl, { javaScriptEnabled });
    this.contexts.push(context);
    return context.newPage();
  }

  async stop(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
    await this.checker?.close();
    await this.browser?.close();
    await this.t?.close();
    await this.receiver.stop();
  }
}
