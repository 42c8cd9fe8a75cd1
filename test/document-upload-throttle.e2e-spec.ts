import { connectDirectly } from './support/audit-tamper';
import { upload } from './support/documents';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

/** Uploads are throttled per person (DOCUMENT_UPLOADS_PER_HOUR), before a byte is read, across instances (the throttle table). */
describe('document uploads per hour', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DOCUMENT_UPLOADS_PER_HOUR: '3' } });
  });
  afterAll(() => t.close());

  it('refuses a person’s uploads past the limit with 429 and Retry-After, writes nothing, and leaves others free', async () => {
    const p = await seedParties(t.api);
    const caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const file = (n: number) => ({ name: `note-${n}.txt`, bytes: Buffer.from(`note ${n}\n`) });
    for (const n of [1, 2, 3]) expect((await upload(t.baseUrl, caseId, p.vcs.token, file(n))).status).toBe(201);
    const sql = await connectDirectly(t.db);
    try {
      const [before] = await sql.run('SELECT COUNT(*) AS n FROM case_documents');
      const refused = await upload(t.baseUrl, caseId, p.vcs.token, file(4));
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', detail: expect.stringMatching(/^You have attached 3 documents within an hour/) });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
      const [after] = await sql.run('SELECT COUNT(*) AS n FROM case_documents');
      expect(Number(after.n)).toBe(Number(before.n));
    } finally {
      await sql.close();
    }
    expect((await upload(t.baseUrl, caseId, p.council.token, file(5))).status).toBe(201);
  });
});
