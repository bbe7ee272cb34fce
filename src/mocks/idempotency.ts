/**
 * Idempotency-Key as payment APIs honour it: the first response to a key is kept and returned
 * for every retry of the same request; the same key with a different request is a 422. A 5xx
 * is not kept (the write did not happen, so a retry may try again).
 */
export class IdempotencyKeys {
  readonly #seen = new Map<string, { fingerprint: string; status: number; headers: [string, string][]; body: string }>();

  async handle(request: Request, write: (request: Request) => Promise<Response>): Promise<Response> {
    const key = request.headers.get('idempotency-key');
    if (!key) return write(request);
    const fingerprint = `${request.method} ${request.url} ${await request.clone().text()}`;
    const seen = this.#seen.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) return Response.json({ error: 'Idempotency-Key reused with a different request' }, { status: 422 });
      return new Response(seen.body, { status: seen.status, headers: seen.headers });
    }
    const response = await write(request);
    if (response.status < 500) {
      const body = await response.clone().text();
      this.#seen.set(key, { fingerprint, status: response.status, headers: [...response.headers], body });
    }
    return response;
  }
}
