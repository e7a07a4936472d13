/**
 * Route schemas generated from the wire's zod schemas (protocol.ts): Fastify
 * validates bodies and queries with the JSON Schema made here, and the
 * handler's type is the schema's inferred type, so the check and the type
 * cannot drift apart.
 */
import { z } from 'zod';

/** The JSON Schema (draft-07, as Fastify's Ajv reads it) of what a client may send. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const generated: Record<string, unknown> = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
  });
  delete generated.$schema;
  return generated;
}
