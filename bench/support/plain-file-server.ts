/*
 * The throughput baseline of bench/documents.bench.ts: a plain Node http server on 127.0.0.1, in
 * its own process (as the service runs in its own), that copies a file to disk and back with
 * nothing else on the way — no framework, no authentication, no multipart parsing, no hashing, no
 * database:
 *   POST /files        the request body streamed to a new file in a temp dir → 201 {"id","size"}
 *   GET /files/:id     that file streamed back (Content-Length; an fs read stream of 1 MiB reads, the
 *                      size of the service's stored pieces, piped to the socket)
 *   DELETE /files/:id  the file removed → 204
 * The same module is the parent's handle (PlainFileServer.start() forks this file) and, run as the
 * child, the server itself.
 */
import { ChildProcess, fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createServer, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Bytes per read when sending a file back: the size of the service's stored pieces (DOCUMENT_CHUNK_BYTES). */
const READ_BYTES = 1024 * 1024;

export class PlainFileServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static start(): Promise<PlainFileServer> {
    const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the plain file server exited with ${code} before it was ready`));
      child.once('exit', onExit);
      child.once('message', (msg: { kind: string; url: string }) => {
        child.off('exit', onExit);
        resolve(new PlainFileServer(child, msg.url));
      });
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ kind: 'stop' });
    });
  }
}

function serve(): void {
  const dir = mkdtempSync(join(tmpdir(), 'compact-bench-plain-'));
  let next = 0;
  const fail = (res: ServerResponse, status: number, message: string) => {
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(message);
  };
  const server = createServer((req, res) => {
    const named = /^\/files\/(\d+)$/.exec(req.url ?? '');
    if (req.method === 'POST' && req.url === '/files') {
      const id = String(++next);
      const file = join(dir, id);
      pipeline(req, createWriteStream(file)).then(
        () => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id, size: statSync(file).size }));
        },
        (error: unknown) => fail(res, 500, String(error)),
      );
    } else if (req.method === 'GET' && named) {
      const file = join(dir, named[1]);
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        return fail(res, 404, 'no such file');
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
      pipeline(createReadStream(file, { highWaterMark: READ_BYTES }), res).catch(() => res.destroy());
    } else if (req.method === 'DELETE' && named) {
      unlink(join(dir, named[1])).then(
        () => {
          res.writeHead(204);
          res.end();
        },
        () => fail(res, 404, 'no such file'),
      );
    } else {
      fail(res, 404, 'not found');
    }
  });
  const end = () => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (msg: { kind?: string }) => msg.kind === 'stop' && end());
  process.on('disconnect', end);
  server.listen(0, '127.0.0.1', () => process.send!({ kind: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
}

if (require.main === module && process.argv.includes('--serve')) serve();
