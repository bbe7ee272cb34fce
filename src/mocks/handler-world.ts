import { getResponse, type RequestHandler } from 'msw';
import { IdempotencyKeys } from './idempotency.ts';
import type { ToolWorld } from './contract.ts';

/**
 * A run's world from MSW request handlers: the first handler that answers wins (MSW's order),
 * Idempotency-Key is honoured for every write, and a request no handler answers is a 404 that
 * says so, so a missing mock reads as one and not as a tool's own "not found".
 */
export function handlerWorld(handlers: readonly RequestHandler[]): ToolWorld {
  const keys = new IdempotencyKeys();
  return {
    handle: (request) =>
      keys.handle(request, async (req) => {
        const response = await getResponse([...handlers], req);
        return response ?? Response.json({ error: `no mock handler answers ${req.method} ${req.url}` }, { status: 404 });
      }),
  };
}
