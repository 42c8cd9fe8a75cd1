import { ApiClient } from './api-client';

/**
 * Every message `GET /api/v1/outbox` lists (optionally of one status), following `nextCursor`
 * page after page, newest first. Throws on a refused request or a page that repeats a message.
 */
export async function listOutbox(api: ApiClient, token: string, status?: string, limit = 100): Promise<any[]> {
  const items: any[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ limit: String(limit), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    const res: { status: number; body: any } = await api.get(`/api/v1/outbox?${query}`, token);
    if (res.status !== 200) throw new Error(`GET /api/v1/outbox?${query} answered ${res.status}: ${JSON.stringify(res.body)}`);
    for (const item of res.body.items) {
      if (seen.has(item.id)) throw new Error(`message ${item.id} listed twice`);
      seen.add(item.id);
      items.push(item);
    }
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
