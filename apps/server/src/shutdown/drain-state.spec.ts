import { createServer, Server } from 'node:http';
import express from 'express';
import { DrainState } from './drain-state';

/* The gate on a real Express server over loopback: what it counts, and what it answers once refusing. */
describe('DrainState.gate', () => {
  let server: Server;
  let base: string;
  const drain = new DrainState();
  let releaseSlow: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.use(drain.gate());
    app.get('/slow/:token', (_req, res) => {
      releaseSlow = () => res.json({ done: true });
    });
    app.get('/fast', (_req, res) => res.json({ ok: true }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts a request in flight, naming it without the opaque token in its path', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const slow = fetch(`${base}/slow/${token}?secret=1`);
    while (drain.inFlightCount === 0) await new Promise((r) => setTimeout(r, 5));
    const [described] = drain.describeInFlight();
    expect(described).toMatch(/^GET \/slow\/:value \(running \d+ ms\)$/);
    expect(described).not.toContain(token);
    releaseSlow();
    expect((await slow).status).toBe(200);
    while (drain.inFlightCount > 0) await new Promise((r) => setTimeout(r, 5));
  });

  it('closes connections while draining, and answers 503 with Retry-After once refusing', async () => {
    drain.draining = true;
    const served = await fetch(`${base}/fast`);
    expect({ status: served.status, connection: served.headers.get('connection') }).toEqual({ status: 200, connection: 'close' });
    drain.refusing = true;
    const refused = await fetch(`${base}/fast`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('connection')).toBe('close');
    expect(await refused.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', state: 'draining', instance: '/fast' });
    expect(drain.inFlightCount).toBe(0);
  });
});
