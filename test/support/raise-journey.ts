import { Page, Response } from 'playwright-core';
import { PageChecker } from './browser';
import { submit } from './web-forms';

/** What a person answers on the raise journey's pages (names as the pages label them). */
export interface JourneyAnswers {
  respondent: string;
  kind?: 'breach' | 'disagreement';
  /** Undertaking ids to tick. */
  undertakings?: string[];
  title?: string;
  summary?: string;
  outcome?: string;
  /** Day, month, year as typed. */
  aware?: [string, string, string];
  decision?: [string, string, string];
}

/** Continue on the page shown, waiting for the next page; the response to that POST. */
export const continueOn = (page: Page): Promise<Response | null> => submit(page, page.getByRole('button', { name: 'Continue' }));

export async function fillDate(page: Page, id: string, [day, month, year]: [string, string, string]): Promise<void> {
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

/**
 * Walks the raise journey from /cases/new (or from the page shown, with `from`) to check your
 * answers, answering each page; with a checker, each page is checked (axe) and photographed.
 */
export async function answerJourney(page: Page, a: JourneyAnswers, options: { checker?: PageChecker; label?: string; start?: boolean } = {}): Promise<void> {
  const check = async (name: string) => options.checker?.check(page, `${options.label ?? 'raise'}-${name}`);
  if (options.start !== false) await page.goto('/cases/new');
  await check('respondent');
  await page.getByLabel(a.respondent, { exact: true }).check();
  await continueOn(page);
  await check('kind');
  if (a.kind === 'breach') await page.getByLabel('An alleged breach of an undertaking').check();
  if (a.kind === 'disagreement') await page.getByLabel('A disagreement').check();
  await continueOn(page);
  await check('undertakings');
  for (const id of a.undertakings ?? []) await page.locator(`input[name="undertakings"][value="${id}"]`).check();
  await continueOn(page);
  await check('details');
  await page.getByLabel('Title', { exact: true }).fill(a.title ?? '');
  await page.getByLabel('What happened', { exact: true }).fill(a.summary ?? '');
  await continueOn(page);
  await check('outcome');
  await page.getByLabel('What do you want to happen? (optional)').fill(a.outcome ?? '');
  await continueOn(page);
  await check('aware');
  if (a.aware) await fillDate(page, 'becameAwareOn', a.aware);
  if (a.decision) await fillDate(page, 'decisionDate', a.decision);
  await continueOn(page);
  await page.getByRole('heading', { name: 'Check your answers before raising the case' }).waitFor();
  await check('check-answers');
}

/** Raise the case from check your answers: the response to the POST (after its redirect, the confirmation). */
export const raiseFromCheck = (page: Page): Promise<Response | null> => submit(page, page.getByRole('button', { name: 'Raise the case' }));

/** The whole journey, raising the case; its id (from the confirmation's address). */
export async function raiseThroughJourney(page: Page, a: JourneyAnswers, options: { checker?: PageChecker; label?: string } = {}): Promise<string> {
  await answerJourney(page, a, options);
  await raiseFromCheck(page);
  const id = /\/cases\/new\/raised\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`the case was not raised: now on ${page.url()}\n${await page.locator('main').innerText()}`);
  return id;
}

/** The usual breach of 4.5 against the council, typed as on the pages (the harness's today is 1 December 2026). */
export const BREACH_OF_45: JourneyAnswers = {
  respondent: 'Southampton City Council',
  kind: 'breach',
  undertakings: ['4.5'],
  title: 'Funding ended without three months notice',
  summary: 'Our grant was ended with two weeks notice.',
  aware: ['2', '11', '2026'],
};
