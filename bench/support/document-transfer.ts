/*
 * The client side of bench/documents.bench.ts: CSV files written to disk, and node:http requests
 * that stream a file from disk as the request body (multipart/form-data for the service, as a
 * browser sends it; the raw bytes for the plain baseline) and hash a response body as it arrives,
 * keeping none of it. The same code sends to both servers, each request on a new connection (no
 * keep-alive: a socket left idle for about the server's keep-alive timeout between rounds may be
 * closed by the server just as it is reused, which fails the request with "socket hang up").
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, OutgoingHttpHeaders, request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const agent = new Agent({ keepAlive: false });

export interface LocalFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/**
 * A CSV file of exactly `size` bytes (rows of a counter, a date, random hex and an amount; text the
 * service accepts as text/csv, and about as compressible as real figures, so PostgreSQL's TOAST
 * compression does not make it look smaller than it is). `tag` goes in the first line, so every
 * file has its own sha256 and the service stores each in full (it keeps a content once).
 */
export function writeCsvFile(path: string, name: string, size: number, tag: string): LocalFile {
  const lines: string[] = [`row,date,reference,amount,tag ${tag}\n`];
  let length = lines[0].length;
  for (let i = 1; length < size; i++) {
    const hex = randomBytes(16).toString('hex');
    const line = `${i},2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${hex},${(i * 37.5) % 10_000}\n`;
    lines.push(line);
    length += line.length;
  }
  const bytes = Buffer.from(lines.join(''), 'utf8').subarray(0, size);
  bytes[size - 1] = 0x0a;
  writeFileSync(path, bytes);
  return { path, name, size, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  ms: number;
  /** Bytes of the response body, and their sha256. */
  bytes: number;
  sha256: string;
  /** The body as text, when asked to keep it (small JSON answers). */
  text: string;
}

/** One request, its body (if any) streamed from `body`, its response consumed in full; timed from the request's start to the last byte. */
function exchange(url: string, method: string, headers: OutgoingHttpHeaders, body: (() => AsyncIterable<Buffer>) | null, keepText: boolean): Promise<Exchange> {
  const start = process.hrtime.bigint();
  return new Promise<Exchange>((resolve, fail) => {
    const reject = (error: Error) => fail(new Error(`${method} ${url}: ${error.message}`, { cause: error }));
    const req = request(url, { method, headers, agent }, (res) => {
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
        if (keepText) kept.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          ms: Number(process.hrtime.bigint() - start) / 1e6,
          bytes,
          sha256: hash.digest('hex'),
          text: Buffer.concat(kept).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (body) pipeline(Readable.from(body()), req).catch(reject);
    else req.end();
  });
}

async function* fileBody(file: LocalFile, before?: Buffer, after?: Buffer): AsyncIterable<Buffer> {
  if (before) yield before;
  for await (const chunk of createReadStream(file.path)) yield chunk as Buffer;
  if (after) yield after;
}

const json = (e: Exchange): any => {
  try {
    return JSON.parse(e.text);
  } catch {
    return e.text;
  }
};

/** POST /api/v1/cases/:id/documents, the file streamed from disk as multipart/form-data (field `file`). */
export async function uploadDocument(baseUrl: string, caseId: string, token: string, file: LocalFile, partType = 'text/csv'): Promise<Exchange & { body: any }> {
  const boundary = `----compact-bench-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${partType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(head.length + file.size + tail.length),
  };
  const e = await exchange(`${baseUrl}/api/v1/cases/${caseId}/documents`, 'POST', headers, () => fileBody(file, head, tail), true);
  return { ...e, body: json(e) };
}

/** POST a JSON body (an event); the answer parsed. */
export async function postJson(url: string, token: string, payload: unknown): Promise<Exchange & { body: any }> {
  const data = Buffer.from(JSON.stringify(payload), 'utf8');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(data.length) };
  const e = await exchange(url, 'POST', headers, async function* () {
    yield data;
  }, true);
  return { ...e, body: json(e) };
}

/** GET, the body hashed as it arrives and dropped. */
export function downloadHashing(url: string, token?: string): Promise<Exchange> {
  return exchange(url, 'GET', token ? { authorization: `Bearer ${token}` } : {}, null, false);
}

/** The plain baseline: the raw file as the body of POST /files. */
export async function uploadRaw(baseUrl: string, file: LocalFile): Promise<Exchange & { body: any }> {
  const headers = { 'content-type': 'application/octet-stream', 'content-length': String(file.size) };
  const e = await exchange(`${baseUrl}/files`, 'POST', headers, () => fileBody(file), true);
  return { ...e, body: json(e) };
}

export async function deleteRaw(baseUrl: string, id: string): Promise<void> {
  await exchange(`${baseUrl}/files/${id}`, 'DELETE', {}, null, false);
}

export function closeAgent(): void {
  agent.destroy();
}
