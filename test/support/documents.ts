import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiResponse } from './api-client';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'documents');

/** A fixture document's bytes. */
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * POSTs one file as real multipart/form-data (the field `file`, as a browser sends it), with the
 * client's content type set to whatever the test says, which the service must ignore.
 */
export async function upload(
  baseUrl: string,
  caseId: string,
  token: string,
  file: { name: string; bytes: Uint8Array; clientType?: string },
  field = 'file',
): Promise<ApiResponse> {
  const form = new FormData();
  form.append(field, new Blob([file.bytes], { type: file.clientType ?? 'application/octet-stream' }), file.name);
  const res = await fetch(`${baseUrl}/api/v1/cases/${caseId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: /json/.test(contentType) && text ? JSON.parse(text) : text, contentType };
}

/** GETs a document's bytes as they are sent. */
export async function download(baseUrl: string, caseId: string, documentId: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer; body: any }> {
  const res = await fetch(`${baseUrl}/api/v1/cases/${caseId}/documents/${documentId}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = /json/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, bytes, body: json ? JSON.parse(bytes.toString('utf8')) : null };
}
