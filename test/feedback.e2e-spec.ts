import { createHash } from 'node:crypto';
import { GetFeedbackFiguresUseCase, OpenFeedbackLinkUseCase, PublishedTable, WorkflowRegistry } from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import { compactDisputeV2 } from '@compact/workflows';
import { PageChecker } from './support/browser';
import { CaseFactory } from './support/case-factory';
import { dumpDatabase } from './support/database-dump';
import { Parties } from './support/parties.fixture';
import { ReceivedMail } from './support/smtp-receiver';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { V2_PLACEMENTS } from './support/v2-placements';
import { expectErrorSummary, submit } from './support/web-forms';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(180_000);

/*
 * Feedback after every case: when a case first ends (resolved, withdrawn or closed; not while an
 * agreement is followed up), every active user of both parties and the mediator get their own
 * one-use link by email, through the outbox; the answers go to tables of their own, never to the
 * case's audit trail, history or exports, never to the other party; the board sees them by case
 * and side, and the figures by stage reached and by year. Real database, real SMTP, real browser.
 */

const LINK = /\/feedback\/([A-Za-z0-9_-]{20,})/;
const SUBJECT = /^How did it go\? Your views on case /;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

interface Answers {
  fair: number;
  understood: number;
  timely: number;
  useAgain: boolean;
  comment?: string;
}

describe('feedback after every case', () => {
  const h = new WebHarness('feedback', { TRUST_PROXY: 'loopback', FEEDBACK_LIMIT_PER_CLIENT: '25' });
  const { receiver } = h;
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory<keyof typeof V2_PLACEMENTS>;
  let checker: PageChecker;
  let vcsSecond: { email: string };
  let councilGone: { email: string };
  let mediated: any; // resolved after mediation: both parties and the mediator asked
  let withdrawn: any; // withdrawn in negotiation: both parties asked
  let clientCount = 0;
  /** Each group of requests from an address of its own (X-Forwarded-For, behind the trusted loopback proxy). */
  const client = () => `203.0.113.${++clientCount}`;
  const submitted: Array<{ caseId: string; stage: string; answers: Answers }> = [];

  const emailOf = (userIndex: number) => `user${userIndex}@example.org`;
  const mailsAbout = (reference: string) => receiver.messages.filter((m) => SUBJECT.test(m.subject ?? '') && m.subject!.endsWith(reference));
  const tokenOf = (mail: ReceivedMail) => LINK.exec(mail.body)![1];
  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    return t.dataSource.query(t.dataSource.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
  };

  async function formToken(): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${t.baseUrl}/sign-in`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cd_csrf='))!.split(';')[0];
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(await res.text())![1] };
  }

  async function open(token: string, from = client()) {
    const res = await fetch(`${t.baseUrl}/feedback/${token}`, { headers: { 'x-forwarded-for': from } });
    return { status: res.status, html: await res.text(), headers: res.headers };
  }

  async function answer(token: string, fields: Record<string, string>, from = client()) {
    const { cookie, csrf } = await formToken();
    const res = await fetch(`${t.baseUrl}/feedback/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }

  const fieldsOf = (a: Answers) => ({ fair: String(a.fair), understood: String(a.understood), timely: String(a.timely), useAgain: a.useAgain ? 'yes' : 'no', comment: a.comment ?? '' });

  async function waitForFeedbackMail(reference: string, count: number): Promise<ReceivedMail[]> {
    const deadline = Date.now() + 10_000;
    while (mailsAbout(reference).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return mailsAbout(reference);
  }

  /** Every outbox message has left (the dispatcher runs every 100 ms). */
  async function outboxSettled(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [{ n }] = await sql(`SELECT COUNT(*) AS n FROM outbox_messages WHERE status IN ('pending', 'sending')`);
      if (Number(n) === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const responsesOf = async (caseId: string) => sql('SELECT * FROM feedback_responses WHERE case_id = ? ORDER BY id', [caseId]);

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    f = new CaseFactory(t.api, p, compactDisputeV2, V2_PLACEMENTS);
    // A second active user of the claimant, and a deactivated user of the respondent (never asked).
    const created = async (organisationId: string, email: string) => {
      const res = await t.api.post('/api/v1/users', { name: `Person ${email}`, email, role: 'party', organisationId }, ADMIN_TOKEN);
      expect(res.status).toBe(201);
      return { id: res.body.id as string, email };
    };
    vcsSecond = await created(p.orgs.vcs, 'second.claimant@example.org');
    const gone = await created(p.orgs.council, 'gone.respondent@example.org');
    expect((await t.api.post(`/api/v1/users/${gone.id}/deactivate`, {}, ADMIN_TOKEN)).status).toBe(200);
    councilGone = gone;
  });
  afterAll(() => h.stop());

  it('asks nobody while an agreement is followed up, then asks each party user and the mediator once when the case is resolved', async () => {
    const monitoring = V2_PLACEMENTS.resolvedAfterConfirmation.slice(0, -2);
    let view = await f.raise();
    for (const step of monitoring) view = (await f.step(view.id, step)).body;
    await outboxSettled();
    expect(mailsAbout(view.reference)).toEqual([]);
    expect(await sql('SELECT * FROM feedback_invitations WHERE case_id = ?', [view.id])).toEqual([]);

    for (const step of V2_PLACEMENTS.resolvedAfterConfirmation.slice(-2)) view = (await f.step(view.id, step)).body;
    mediated = view;
    const expected = [emailOf(1), vcsSecond.email, emailOf(3), emailOf(5)].sort(); // claimant ×2, respondent, mediator
    const mails = await waitForFeedbackMail(view.reference, expected.length);
    await outboxSettled();
    expect(mails.flatMap((m) => m.to).sort()).toEqual(expected);
    expect(mails.some((m) => m.to.includes(councilGone.email))).toBe(false);
    // One personal link each.
    const tokens = mails.map(tokenOf);
    expect(new Set(tokens).size).toBe(tokens.length);
    const invitations = await sql('SELECT role, stage, ended_year, token_hash FROM feedback_invitations WHERE case_id = ?', [view.id]);
    expect(invitations.map((i: any) => i.role).sort()).toEqual(['claimant', 'claimant', 'mediator', 'respondent']);
    const registry = t.app.get(WorkflowRegistry);
    const stages = registry.stages().map((s) => s.state);
    const record = (await t.api.get(`/api/v1/cases/${view.id}`, ADMIN_TOKEN)).body;
    for (const i of invitations) {
      expect(stages).toContain(i.stage);
      expect(Number(i.ended_year)).toBe(Number(h.clock.now().toISOString().slice(0, 4)));
    }
    expect(new Set(invitations.map((i: any) => i.stage)).size).toBe(1);
    expect(invitations.map((i: any) => i.token_hash).sort()).toEqual(tokens.map(sha256).sort());
    // The raw token is only in the emails: not in any table (the delivered bodies are erased).
    const dump = await dumpDatabase(t.dataSource);
    for (const token of tokens) expect(dump).not.toContain(token);
    expect(record.reference).toBe(view.reference);

    // Closing the resolved case asks nobody again.
    mediated = (await f.step(view.id, ['CLOSE', 'respondent'])).body;
    await outboxSettled();
    expect(mailsAbout(view.reference)).toHaveLength(expected.length);
  });

  it('asks both parties (no mediator) when a case is withdrawn, recording the stage it was withdrawn from', async () => {
    let view = await f.place('discussing');
    view = (await f.step(view.id, ['WITHDRAW', 'claimant'])).body;
    withdrawn = view;
    const mails = await waitForFeedbackMail(view.reference, 3);
    await outboxSettled();
    expect(mails.flatMap((m) => m.to).sort()).toEqual([emailOf(1), emailOf(3), vcsSecond.email].sort());
    const invitations = await sql('SELECT role, stage FROM feedback_invitations WHERE case_id = ?', [view.id]);
    expect(invitations.map((i: any) => i.role).sort()).toEqual(['claimant', 'claimant', 'respondent']);
    expect(t.app.get(WorkflowRegistry).stages().map((s) => s.state)).toContain(invitations[0].stage);
  });

  it('shows the form with only the case reference, and takes one answer per link: the same link then says it was answered', async () => {
    const [mail] = mailsAbout(mediated.reference).filter((m) => m.to.includes(emailOf(1)));
    const token = tokenOf(mail);
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(mediated.reference);
    expect(page.html).not.toContain(mediated.title);
    expect(page.html).not.toContain('Hope Community Trust');
    for (const q of ['Were you treated fairly?', 'Did you understand what was happening at each stage?', 'Was it dealt with in good time?', 'Would you use this route again?']) {
      expect(page.html).toContain(q);
    }
    const seqBefore = (await sql('SELECT audit_seq FROM cases WHERE id = ?', [mediated.id]))[0].audit_seq;

    const a: Answers = { fair: 4, understood: 3, timely: 2, useAgain: true, comment: 'Clear-comment-MEDIATED-claimant-1' };
    const saved = await answer(token, fieldsOf(a));
    expect(saved).toMatchObject({ status: 303, location: '/feedback/thanks' });
    submitted.push({ caseId: mediated.id, stage: 'mediated', answers: a });
    const [row] = await responsesOf(mediated.id);
    expect(row).toMatchObject({ role: 'claimant', fair: 4, understood: 3, timely: 2, comment: a.comment });
    expect(Number(row.use_again)).toBe(1);
    // The answer and its link's use are kept with the day only (midnight UTC of the service's day), never the moment.
    const day = Math.floor(h.clock.now().getTime() / 86_400_000) * 86_400_000;
    expect(Number(row.submitted_at)).toBe(day);
    const [invitation] = await sql('SELECT used_at FROM feedback_invitations WHERE token_hash = ?', [sha256(token)]);
    expect(Number(invitation.used_at)).toBe(day);
    // Nothing of it in the case's audit trail: no entry was added.
    expect((await sql('SELECT audit_seq FROM cases WHERE id = ?', [mediated.id]))[0].audit_seq).toBe(seqBefore);

    const again = await open(token);
    expect(again.status).toBe(200);
    expect(again.html).toContain('You have already answered');
    expect(again.html).not.toContain(mediated.reference);
    const second = await answer(token, fieldsOf({ ...a, fair: 1, comment: 'second try' }));
    expect(second.status).toBe(409);
    expect(second.html).toContain('You have already answered');
    expect(await responsesOf(mediated.id)).toHaveLength(1);
  });

  it('stores one answer when the same link is submitted twice at once', async () => {
    const [mail] = mailsAbout(mediated.reference).filter((m) => m.to.includes(emailOf(3)));
    const token = tokenOf(mail);
    const a: Answers = { fair: 2, understood: 5, timely: 4, useAgain: false, comment: 'Respondent-view-MEDIATED' };
    const results = await Promise.all([answer(token, fieldsOf(a)), answer(token, fieldsOf({ ...a, fair: 5 }))]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const rows = (await responsesOf(mediated.id)).filter((r: any) => r.role === 'respondent');
    expect(rows).toHaveLength(1);
    submitted.push({ caseId: mediated.id, stage: 'mediated', answers: { ...a, fair: Number(rows[0].fair) } });
  });

  it('refuses bad answers all at once (400, nothing stored, the link still open), and unknown links without a word about any case', async () => {
    const [mail] = mailsAbout(mediated.reference).filter((m) => m.to.includes(emailOf(5)));
    const token = tokenOf(mail);
    const bad = await answer(token, { fair: '7', understood: '', timely: 'abc', comment: 'x'.repeat(2001) });
    expect(bad.status).toBe(400);
    for (const text of [
      'Select a number from 1 to 5 for whether you were treated fairly',
      'Select a number from 1 to 5 for whether you understood what was happening',
      'Select a number from 1 to 5 for whether it was dealt with in good time',
      'Select yes if you would use this route again',
      'Your comment must be 2000 characters or fewer',
    ]) {
      expect(bad.html).toContain(text);
    }
    expect((await responsesOf(mediated.id)).filter((r: any) => r.role === 'mediator')).toEqual([]);
    expect((await open(token)).status).toBe(200);

    for (const unknown of ['A'.repeat(43), 'not-a-token', '..%2F..%2Fetc', "x'%20OR%201=1--aaaaaaaaaaaaaaaaaa"]) {
      const got = await open(unknown);
      expect(got.status).toBe(404);
      expect(got.html).toContain('This link does not work');
      expect(got.html).not.toContain(mediated.reference);
      expect((await answer(unknown, fieldsOf({ fair: 1, understood: 1, timely: 1, useAgain: true }))).status).toBe(404);
    }
    expect(await sql('SELECT COUNT(*) AS n FROM feedback_responses').then((r: any) => Number(r[0].n))).toBe(2);
  });

  it('files an answer under the link’s own case, whatever the form claims', async () => {
    const [mail] = mailsAbout(withdrawn.reference).filter((m) => m.to.includes(emailOf(3)));
    const a: Answers = { fair: 1, understood: 2, timely: 1, useAgain: false, comment: 'Withdrawn-respondent-comment' };
    const res = await answer(tokenOf(mail), { ...fieldsOf(a), caseId: mediated.id, role: 'mediator' });
    expect(res.status).toBe(303);
    submitted.push({ caseId: withdrawn.id, stage: 'withdrawn', answers: a });
    const rows = await responsesOf(withdrawn.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'respondent', comment: a.comment });
    expect((await responsesOf(mediated.id)).map((r: any) => r.comment)).not.toContain(a.comment);
  });

  it('keeps the answers out of the case: no party (API or pages), history or export shows them', async () => {
    const comments = submitted.map((s) => s.answers.comment!);
    const reads = [
      ...[p.vcs, p.council, p.mediator].flatMap((m) => [
        t.api.get(`/api/v1/cases/${mediated.id}`, m.token),
        t.api.get(`/api/v1/cases/${mediated.id}/history`, m.token),
        t.api.get(`/api/v1/cases/${withdrawn.id}`, m.token),
        t.api.get(`/api/v1/cases/${withdrawn.id}/history`, m.token),
      ]),
      t.api.get(`/api/v1/cases/${mediated.id}/history`, p.board.token),
      t.api.get('/api/v1/board/statistics', p.board.token),
    ];
    for (const res of await Promise.all(reads)) {
      const text = JSON.stringify(res.body);
      for (const comment of comments) expect(text).not.toContain(comment);
    }
    // The audit entries of both cases name no feedback.
    const entries = await sql('SELECT event_type, payload FROM audit_entries WHERE case_id IN (?, ?)', [mediated.id, withdrawn.id]);
    for (const e of entries) {
      expect(String(e.event_type)).not.toMatch(/feedback/i);
      for (const comment of comments) expect(String(e.payload)).not.toContain(comment);
    }

    // In the browser: the claimant's user sees the case page without the answers, and the board's feedback page is not theirs.
    const page = await h.page(false);
    await signIn(page, receiver, emailOf(1), t.baseUrl);
    for (const path of [`/cases/${mediated.id}`, `/cases/${mediated.id}/print`, `/cases/${withdrawn.id}`]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      const html = await page.content();
      for (const comment of comments) expect(html).not.toContain(comment);
    }
    const board = await page.goto('/board/feedback');
    expect(board?.status()).toBe(404);
    for (const comment of comments) expect(await page.content()).not.toContain(comment);
  });

  it('counts the figures by stage reached and by year with SQL, as the test submitted them, withholding small numbers', async () => {
    const figures = t.app.get(GetFeedbackFiguresUseCase);
    const year = Number(h.clock.now().toISOString().slice(0, 4));
    const [byStage, byYear] = await figures.execute({ minCount: 1 });
    expect(byStage.name).toBe('feedback-by-stage');
    expect(byYear.name).toBe('feedback-by-year');
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
    const answers = submitted.map((s) => s.answers);
    expect(byYear.rows).toEqual([
      {
        year,
        invited: 7,
        responded: 3,
        response_rate_percent: Math.round((1000 * 3) / 7) / 10,
        mean_fair: mean(answers.map((a) => a.fair)),
        mean_understood: mean(answers.map((a) => a.understood)),
        mean_timely: mean(answers.map((a) => a.timely)),
        use_again_percent: Math.round((1000 * answers.filter((a) => a.useAgain).length) / answers.length) / 10,
      },
    ]);
    // By stage: the mediated case's stage (4 asked, 2 answered) and the withdrawn case's (3 asked, 1 answered).
    const stageOf = async (caseId: string) => (await sql('SELECT stage FROM feedback_invitations WHERE case_id = ? LIMIT 1', [caseId]))[0].stage;
    const label = (state: string) => t.app.get(WorkflowRegistry).stages().find((s) => s.state === state)!.label;
    const mediatedStage = await stageOf(mediated.id);
    const withdrawnStage = await stageOf(withdrawn.id);
    expect(mediatedStage).not.toBe(withdrawnStage);
    const rowFor = (table: PublishedTable, stage: string) => table.rows.find((r) => r.stage === label(stage))!;
    const m = submitted.filter((s) => s.caseId === mediated.id).map((s) => s.answers);
    expect(rowFor(byStage, mediatedStage)).toMatchObject({ invited: 4, responded: 2, response_rate_percent: 50, mean_fair: mean(m.map((a) => a.fair)) });
    expect(rowFor(byStage, withdrawnStage)).toMatchObject({ invited: 3, responded: 1, mean_timely: 1, use_again_percent: 0 });

    // With a threshold of 2: the withdrawn stage's one answer is withheld, its 3 people asked are not.
    const [strictStage] = await figures.execute({ minCount: 2 });
    expect(rowFor(strictStage, withdrawnStage)).toEqual({ stage: label(withdrawnStage), invited: 3, responded: null, response_rate_percent: null, mean_fair: null, mean_understood: null, mean_timely: null, use_again_percent: null });
    // …and so is the mediated stage's 2, though not small: all stages' 3 less its 2 would give the withdrawn stage's 1.
    expect(rowFor(strictStage, mediatedStage)).toMatchObject({ invited: 4, responded: null, mean_fair: null });
    expect(strictStage.rows.find((r) => r.stage === 'All stages')).toMatchObject({ invited: 7, responded: 3 });
    expect(strictStage.withheldText).toBe('fewer than 2');

    // The public register publishes the same tables under REGISTER_MIN_COUNT (5), and no comment.
    const [registerStage, registerYear] = await figures.execute({ minCount: t.config.registerMinCount });
    expect((await t.api.get('/register/data/feedback-by-stage.json')).body.rows).toEqual(registerStage.rows);
    expect((await t.api.get('/register/data/feedback-by-year.json')).body.rows).toEqual(registerYear.rows);
    expect(rowFor(registerStage, mediatedStage)).toMatchObject({ invited: null, responded: null, mean_fair: null });
    expect(rowFor(registerStage, withdrawnStage)).toMatchObject({ invited: null, responded: null, mean_fair: null });
    const register = String((await t.api.get('/register')).body);
    expect(register).toContain('Feedback by stage reached');
    for (const comment of submitted.map((s) => s.answers.comment!)) expect(register).not.toContain(comment);
    // Another year has nothing; a year that is not one is refused.
    const [emptyStage, emptyYear] = await figures.execute({ year: year + 1, minCount: 1 });
    expect(emptyStage.rows).toEqual([]);
    expect(emptyYear.rows).toEqual([]);
    await expect(figures.execute({ year: 20.5, minCount: 1 })).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });

  it('works without JavaScript and passes axe: the form, its errors, the thanks and the already-answered pages', async () => {
    const [mail] = mailsAbout(withdrawn.reference).filter((m) => m.to.includes(vcsSecond.email));
    const path = `/feedback/${tokenOf(mail)}`;
    const page = await h.page(false);
    await page.goto(path);
    await page.getByRole('heading', { name: 'How did it go?', level: 1 }).waitFor();
    await checker.check(page, 'form');
    const refused = await submit(page, page.getByRole('button', { name: 'Send my answers' }));
    await expectErrorSummary(page, refused, [
      { text: 'Select a number from 1 to 5 for whether you were treated fairly', href: '#fair' },
      { text: 'Select a number from 1 to 5 for whether you understood what was happening', href: '#understood' },
      { text: 'Select a number from 1 to 5 for whether it was dealt with in good time', href: '#timely' },
      { text: 'Select yes if you would use this route again', href: '#useAgain' },
    ]);
    await checker.check(page, 'form-errors');
    await page.getByRole('group', { name: 'Were you treated fairly?' }).getByLabel('5').check();
    await page.getByRole('group', { name: 'Did you understand what was happening at each stage?' }).getByLabel('4').check();
    await page.getByRole('group', { name: 'Was it dealt with in good time?' }).getByLabel('3').check();
    await page.getByRole('group', { name: 'Would you use this route again?' }).getByLabel('Yes').check();
    await page.getByLabel(/anything else/).fill('Browser-comment-withdrawn');
    const done = await submit(page, page.getByRole('button', { name: 'Send my answers' }));
    expect(done?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/feedback/thanks');
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await checker.check(page, 'thanks');
    submitted.push({ caseId: withdrawn.id, stage: 'withdrawn', answers: { fair: 5, understood: 4, timely: 3, useAgain: true, comment: 'Browser-comment-withdrawn' } });
    await page.goto(path);
    await page.getByRole('heading', { name: 'You have already answered' }).waitFor();
    await checker.check(page, 'answered');
  });

  it('shows the board the answers by case and side (never a name or address) and the figures, and passes axe', async () => {
    const page = await h.page(false);
    await signIn(page, receiver, emailOf(7), t.baseUrl); // the board member
    await page.goto('/board');
    await page.getByRole('link', { name: 'Feedback after cases' }).click();
    await page.getByRole('heading', { name: 'Feedback after cases', level: 1 }).waitFor();
    await checker.check(page, 'board-feedback');
    const html = await page.content();
    for (const s of submitted) expect(html).toContain(s.answers.comment!);
    expect(html).toContain(`Case ${mediated.reference}`);
    expect(html).toContain('Claimant (party)');
    expect(html).toContain('Respondent (party)');
    for (const person of [emailOf(1), emailOf(3), vcsSecond.email, 'User 1', 'User 3', `Person ${vcsSecond.email}`]) expect(html).not.toContain(person);
    const yearRow = page.locator('#feedback-by-year tbody tr');
    expect(await yearRow.count()).toBe(1);
    expect((await yearRow.locator('[data-field="invited"]').innerText()).trim()).toBe('7');
    expect((await yearRow.locator('[data-field="responded"]').innerText()).trim()).toBe(String(submitted.length));

    // The board's exports of every case history hold none of it (the answers are not part of a case's evidence).
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    for (const path of ['/board/export.json', '/board/export-history.csv', '/board/export.csv']) {
      const res = await fetch(`${t.baseUrl}${path}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(mediated.reference);
      for (const s of submitted) expect(body).not.toContain(s.answers.comment!);
      expect(body).not.toMatch(/feedback/i);
    }

    const bad = await page.goto('/board/feedback?year=twenty');
    expect(bad?.status()).toBe(400);
    const other = await page.goto(`/board/feedback?year=${Number(h.clock.now().toISOString().slice(0, 4)) + 1}`);
    expect(other?.status()).toBe(200);
    expect(await page.content()).toContain('Nobody has been asked yet.');
  });

  it('answers a year that is not one, and a year nobody was asked in, with board pages that pass axe (no JavaScript)', async () => {
    const page = await h.page(false);
    await signIn(page, receiver, emailOf(7), t.baseUrl); // the board member
    const bad = await page.goto('/board/feedback?year=twenty');
    expect(bad?.status()).toBe(400);
    await page.getByRole('heading', { name: 'There is a problem', level: 1 }).waitFor();
    await checker.check(page, 'board-feedback-bad-year');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Choose a year from the list');
    for (const s of submitted) expect(main).not.toContain(s.answers.comment!);

    // The year after the clock's: nobody has been asked yet, in either table, and no case's answers.
    const nextYear = Number(h.clock.now().toISOString().slice(0, 4)) + 1;
    const empty = await page.goto(`/board/feedback?year=${nextYear}`);
    expect(empty?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Feedback after cases', level: 1 }).waitFor();
    await checker.check(page, 'board-feedback-empty-year');
    expect(await page.getByText('Nobody has been asked yet.').count()).toBe(2);
    expect(await page.getByText('No answers yet.').count()).toBe(1);
    expect(await page.locator('table').count()).toBe(0);
    // The page names the year it shows, and the year list has it chosen.
    expect(await page.locator('#feedback-scope').innerText()).toBe(`Cases that ended in ${nextYear}.`);
    expect(await page.locator('#year option:checked').innerText()).toBe(String(nextYear));
    const html = await page.content();
    for (const reference of [mediated.reference, withdrawn.reference]) expect(html).not.toContain(reference);
    for (const s of submitted) expect(html).not.toContain(s.answers.comment!);
  });

  it('throttles feedback pages per client address', async () => {
    const from = client();
    const statuses: number[] = [];
    for (let i = 0; i < 27; i += 1) statuses.push((await open('B'.repeat(43), from)).status);
    expect(statuses.slice(0, 25).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(25)).toEqual([429, 429]);
    await expect(t.app.get(OpenFeedbackLinkUseCase).execute('B'.repeat(43), from)).rejects.toEqual(expect.any(DomainError));
  });

  it('lets a link expire after FEEDBACK_LINK_DAYS (90 by default), saying nothing about the case', async () => {
    const [mail] = mailsAbout(withdrawn.reference).filter((m) => m.to.includes(emailOf(1)));
    const token = tokenOf(mail);
    expect((await open(token)).status).toBe(200);
    h.clock.advance(90 * 86_400_000);
    const expired = await open(token);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('This link has expired');
    expect(expired.html).not.toContain(withdrawn.reference);
    expect((await answer(token, fieldsOf({ fair: 3, understood: 3, timely: 3, useAgain: true }))).status).toBe(410);
    expect(await responsesOf(withdrawn.id)).toHaveLength(2);
  });

  it('shows an expired, an unknown and a throttled link as pages of their own, in a browser without JavaScript, passing axe', async () => {
    // After the test before: the clock is past the links' 90 days.
    const [mail] = mailsAbout(withdrawn.reference).filter((m) => m.to.includes(emailOf(1)));
    const page = await h.page(false);
    // A client address of its own (behind the trusted proxy), so that no other test's count is touched.
    const from = client();
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': from });
    const expired = await page.goto(`/feedback/${tokenOf(mail)}`);
    expect(expired?.status()).toBe(410);
    expect(expired?.headers()['cache-control']).toBe('no-store');
    await page.getByRole('heading', { name: 'This link has expired', level: 1 }).waitFor();
    await checker.check(page, 'link-expired');
    expect(await page.locator('main').innerText()).toContain('this one has run out');
    expect(await page.content()).not.toContain(withdrawn.reference);

    const unknown = await page.goto(`/feedback/${'C'.repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    await page.getByRole('heading', { name: 'This link does not work', level: 1 }).waitFor();
    await checker.check(page, 'link-unknown');
    expect(await page.locator('main').innerText()).toContain('Check that you copied the whole link from the email.');

    // Up to FEEDBACK_LIMIT_PER_CLIENT (25) pages from this address (two so far), then the 429 page.
    const statuses: number[] = [];
    for (let i = 0; i < 23; i += 1) statuses.push((await page.goto(`/feedback/${'C'.repeat(43)}`))!.status());
    expect(statuses.every((s) => s === 404)).toBe(true);
    const throttled = await page.goto(`/feedback/${tokenOf(mail)}`);
    expect(throttled?.status()).toBe(429);
    await page.getByRole('heading', { name: 'There is a problem', level: 1 }).waitFor();
    await checker.check(page, 'link-throttled');
    expect(await page.locator('main').innerText()).toContain('Too many feedback pages were asked for from your address');
    expect(await page.content()).not.toContain(withdrawn.reference);
    // Another address is not held back by it.
    expect((await open(tokenOf(mail))).status).toBe(410);
  });
});
