/**
 * The wire: every REST body and websocket message the lab server exchanges,
 * one schema source. What the server reads is a zod schema here; its type is
 * inferred from it and the route's JSON Schema generated from it
 * (http/route-schema.ts), so the three never drift. The browser code imports
 * this module with `import type` only (a lint rule holds it), so the site never
 * pulls in server logic. DESIGN.md ("Public HTTP API") describes the same contract.
 */
export type { ErrorCode, RetryClass } from './errors.ts';
export * from './protocol/rest.ts';
export type * from './protocol/topology.ts';
export * from './protocol/terminal.ts';
export * from './protocol/workshops.ts';
