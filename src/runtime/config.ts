import { z } from 'zod';
import { sha256Hex } from '../shared/index.ts';
import { readConfigFile } from '../project/index.ts';

export const ROLES = ['events', 'read', 'approver', 'admin'] as const;

/** serve.yaml: who may call the runtime, and where the live tools are. Tokens are stored hashed. */
export const RuntimeConfigSchema = z
  .object({
    tokens: z
      .array(
        z
          .object({
            sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 (hex) of the token, never the token'),
            identity: z.string().min(1),
            roles: z.array(z.enum(ROLES)).min(1),
            approver_roles: z.array(z.string()).default([]).describe('roles that approval rules ask for, e.g. support-lead'),
          })
          .strict(),
      )
      .min(1),
    tools: z.object({ hosts: z.record(z.string(), z.string().url()).default({}) }).strict().default({ hosts: {} }),
    body_limit_bytes: z.number().int().positive().default(64 * 1024),
    bundle_limit_bytes: z.number().int().positive().default(32 * 1024 * 1024),
    shutdown_grace: z
      .string()
      .regex(/^\d+(\.\d+)?(ms|s|m)$/, 'expected a duration such as "30s"')
      .default('30s')
      .describe('on SIGTERM, how long in-flight steps may finish before the process leaves the rest to the next start'),
    max_queued_runs: z.number().int().min(0).default(256).describe('runs accepted but waiting for a concurrency slot; past it, POST /v1/events answers 429'),
  })
  .strict();

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;
export type Principal = RuntimeConfig['tokens'][number];

export function loadRuntimeConfig(file: string): RuntimeConfig {
  return readConfigFile(file, file, RuntimeConfigSchema, 'TG_RUNTIME_CONFIG');
}

/** The principal a bearer token names, if any. */
export function principalFor(config: RuntimeConfig, authorization: string | undefined): Principal | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  const hash = sha256Hex(token);
  return config.tokens.find((t) => t.sha256 === hash);
}
