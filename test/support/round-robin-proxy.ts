import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';

interface Backend {
  port: number;
  healthy: boolean;
  /** Requests this backend answered. */
  answered: number;
}

/**
 * A small load balancer on loopback, as one in front of several instances would behave: it sends
 * each request to the next instance whose /health last answered 200 (checked every
 * `healthEveryMs`), on a connection of its own, and sends it again to another instance when the
 * connection was refused, that is, before a byte of the request was sent. Any other failure is
 * passed on as 502: a request that may have reached an instance is never sent twice.
 */
export class RoundRobinProxy {
  private server: Server | null = null;
  private checker: NodeJS.Timeout | null = null;
  private next = 0;
  readonly backends: Backend[];
  /** Requests sent again after a refused connection. */
  retried = 0;

  constructor(
    ports: number[],
    private readonly healthEveryMs = 100,
  ) {
    this.backends = ports.map((port) => ({ port, healthy: false, answered: 0 }));
  }

  get url(): string {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('the proxy is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    await this.checkHealth();
    this.checker = setInterval(() => void this.checkHealth(), this.healthEveryMs);
    this.server = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    if (this.checker) clearInterval(this.checker);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async checkHealth(): Promise<void> {
    await Promise.all(
      this.backends.map(async (b) => {
        try {
          const res = await fetch(`http://127.0.0.1:${b.port}/health`, { signal: AbortSignal.timeout(1000) });
          await res.arrayBuffer();
          b.healthy = res.status === 200;
        } catch {
          b.healthy = false;
        }
      }),
    );
  }

  private pick(): Backend | null {
    for (let i = 0; i < this.backends.length; i++) {
      const b = this.backends[this.next++ % this.backends.length];
      if (b.healthy) return b;
    }
    return null;
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // While no instance is healthy (all restarting at once), wait for one, as a balancer queues.
    const giveUpAt = Date.now() + 15_000;
    while (Date.now() < giveUpAt) {
      const backend = this.pick();
      if (!backend) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const outcome = await this.send(backend, req, body, res);
      if (outcome === 'answered') return;
      // Refused: nothing was sent, so the request may go elsewhere.
      backend.healthy = false;
      this.retried += 1;
    }
    res.writeHead(503, { 'content-type': 'text/plain' }).end('no healthy instance');
  }

  private send(backend: Backend, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'answered' | 'refused'> {
    return new Promise((resolve) => {
      const headers = { ...req.headers, host: `127.0.0.1:${backend.port}`, connection: 'close', 'content-length': String(body.length) };
      const upstream = request({ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
        backend.answered += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve('answered'));
        answer.on('error', () => {
          res.destroy();
          resolve('answered');
        });
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED') return resolve('refused');
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream failed: ${error.code ?? error.message}`);
        resolve('answered');
      });
      upstream.end(body);
    });
  }
}
