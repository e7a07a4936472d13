/**
 * The HTTP server: the API routes, the terminal websocket and the built site,
 * on one port. Receives every dependency from main.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { CheckService } from '../checks.ts';
import type { Config } from '../config.ts';
import type { Lab } from '../labs.ts';
import type { Logger } from '../logger.ts';
import type { SessionManager } from '../sessions.ts';
import { installErrorHandler } from './error-handler.ts';
import type { Peers } from './forward.ts';
import { frameAncestorsPolicy } from './frame-ancestors.ts';
import { installHostCheck } from './host-check.ts';
import { healthRoutes } from './routes-health.ts';
import { labRoutes } from './routes-labs.ts';
import { checkRoutes } from './routes-checks.ts';
import { sessionRoutes } from './routes-sessions.ts';
import { ticketRoutes } from './routes-tickets.ts';
import { workshopRoutes } from './routes-workshops.ts';
import { trustProxyOption } from './trust-proxy.ts';
import type { Tickets } from '../tickets.ts';
import type { WorkshopService } from '../workshops.ts';

export interface AppDeps {
  config: Config;
  log: Logger;
  sessions: SessionManager;
  labs: ReadonlyMap<string, Lab>;
  checks: CheckService;
  workshops: WorkshopService;
  /** The other lab servers, for sessions whose machine one of them holds. */
  peers: Peers;
  /** One-time tickets that stand for a token in stream URLs. */
  tickets: Tickets;
  /** This server's own versions, shown to the admin in /api/health. */
  versions: { netlab: string; node: string };
  /** Adds more routes (the terminal websocket) before the app starts. */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
}

/** API bodies are small; 16 KiB leaves room for long answers and nothing else. */
const BODY_LIMIT = 16 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // One line per request is noise next to terminal traffic; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // Unknown fields are a client's mistake worth hearing about, not something to drop silently.
    ajv: { customOptions: { removeAdditional: false } },
  });
  installErrorHandler(app);
  // First of all hooks: a request to a name this server does not serve gets nothing else.
  installHostCheck(app, deps.config.allowedHosts);
  healthRoutes(app, {
    sessions: deps.sessions,
    maxSandboxes: deps.config.maxSandboxes,
    isAdmin: (token) => deps.workshops.access.isAdmin(token),
    versions: deps.versions,
  });
  labRoutes(app, { labs: deps.labs });
  checkRoutes(app, { sessions: deps.sessions, peers: deps.peers, checks: deps.checks });
  // Before sessionRoutes, whose catch-all answers 404 for any other /api/ path.
  ticketRoutes(app, {
    tickets: deps.tickets,
    sessions: deps.sessions,
    workshops: deps.workshops.access,
  });
  workshopRoutes(app, { workshops: deps.workshops, tickets: deps.tickets });
  sessionRoutes(app, { sessions: deps.sessions, peers: deps.peers });
  for (const plugin of deps.plugins ?? []) await plugin(app);
  await serveSite(app, deps.config.siteDir, frameAncestorsPolicy(deps.config.allowedOrigins));
  return app;
}

async function serveSite(
  app: FastifyInstance,
  siteDir: string,
  framePolicy: string,
): Promise<void> {
  if (!existsSync(path.join(siteDir, 'index.html'))) {
    app.log.warn({ siteDir }, 'the site is not built (npm run build); serving the API only');
    app.get('/', (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Netlab lab server. The site is not built: run `npm run build`.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: siteDir,
    prefix: '/',
    wildcard: true,
    // Pages may be framed only by the origins that may open terminals (frame-ancestors.ts).
    setHeaders: (reply, file) => {
      if (file.endsWith('.html')) reply.header('content-security-policy', framePolicy);
    },
  });
  // Browsers ask for /favicon.ico on pages that name no icon (the redirect stubs of
  // renamed chapters); the site's icon is an SVG.
  if (!existsSync(path.join(siteDir, 'favicon.ico')))
    app.get('/favicon.ico', (_request, reply) => reply.redirect('/favicon.svg', 301));
  const notFound = path.join(siteDir, '404.html');
  app.setNotFoundHandler((_request, reply) =>
    existsSync(notFound)
      ? reply.code(404).sendFile('404.html')
      : reply.code(404).send('Not found\n'),
  );
}
