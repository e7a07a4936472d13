/**
 * Workshops: an instructor runs a cohort through a list of labs. Learners join
 * with a short code and a name, get one sandbox per lab (with their own lab
 * parameters when the workshop asks for it), and the instructor watches the
 * learners × tasks grid live, peeks at terminals read-only, broadcasts and ends
 * the workshop. Results stay for graders (JSON, CSV) and passed tasks go to a
 * signed webhook. Helpers live in workshops/.
 */
import type { ServerResponse } from 'node:http';
import { NetlabError } from './errors.ts';
import type { Lab } from './labs.ts';
import type { Logger } from './logger.ts';
import type {
  CreateGraderTokenRequest,
  CreateGraderTokenResponse,
  CreateSessionResponse,
  Locale,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  JoinWorkshopRequest,
  JoinWorkshopResponse,
  ParticipantView,
  WorkshopDashboard,
  WorkshopMessage,
  WorkshopResults,
  WorkshopSummary,
} from './protocol.ts';
import { hashToken, randomId, randomToken } from './sessions/tokens.ts';
import type { SessionManager } from './sessions.ts';
import type { Bus } from './store/bus.ts';
import type { WorkshopRow, WorkshopStore } from './store/workshop-store.ts';
import { WorkshopAccess } from './workshops/access.ts';
import { normalizeJoinCode, validName } from './workshops/codes.ts';
import { WorkshopFanout } from './workshops/fanout.ts';
import { ProgressFeed } from './workshops/progress.ts';
import {
  openLearnerSession,
  paramsFor,
  requireOpen,
  sessionResponse,
} from './workshops/learner-sessions.ts';
import { followSessions } from './workshops/session-events.ts';
import { insertWorkshop, parseCreate } from './workshops/create.ts';
import { JoinAttempts } from './workshops/join-attempts.ts';
import { dashboardOf, resultsOf, summaryOf } from './workshops/views.ts';

/** Results of one learner are gathered this long before the instructor hears of them. */
const DEBOUNCE_MS = 100;
const FAILURES_SHOWN = 50;

export interface WorkshopDeps {
  store: WorkshopStore;
  /** To the other lab servers of the same store (and this one): live events travel on it. */
  bus: Bus;
  /** Learners' sessions are made and ended here; their events keep the read model. */
  sessions: Pick<SessionManager, 'create' | 'end' | 'on' | 'rebuild'>;
  labs: ReadonlyMap<string, Lab>;
  log: Logger;
  now: () => number;
  adminToken: string | null;
  webhook: { timeoutMs: number; attempts: number };
  /** Wrong join codes one client address may send per minute. */
  joinAttemptsPerMinute: number;
}

export class WorkshopService {
  readonly access: WorkshopAccess;
  private readonly deps: WorkshopDeps;
  private readonly fanout: WorkshopFanout;
  private readonly progress: ProgressFeed;
  private readonly joinAttempts: JoinAttempts;
  private readonly unfollow: () => void;

  constructor(deps: WorkshopDeps) {
    this.deps = deps;
    this.joinAttempts = new JoinAttempts(deps.joinAttemptsPerMinute, deps.now);
    this.access = new WorkshopAccess({ store: deps.store, adminToken: deps.adminToken });
    this.fanout = new WorkshopFanout({
      bus: deps.bus,
      store: deps.store,
      labs: deps.labs,
      log: deps.log,
      now: deps.now,
      dashboard: (workshop) => this.dashboardOf(workshop),
      endLocalSessions: (workshopId) => this.endLocalSessions(workshopId),
    });
    this.progress = new ProgressFeed({
      store: deps.store,
      signal: (signal) => this.fanout.send(signal),
      log: deps.log,
      debounceMs: DEBOUNCE_MS,
      webhook: deps.webhook,
    });
    this.unfollow = followSessions({
      sessions: deps.sessions,
      store: deps.store,
      progress: this.progress,
      signal: (signal) => this.fanout.send(signal),
    });
  }

  async create(
    token: string | undefined,
    request: CreateWorkshopRequest,
  ): Promise<CreateWorkshopResponse> {
    this.access.requireAdmin(token);
    const fields = parseCreate(request, this.deps.labs, this.deps.now());
    return insertWorkshop(this.deps.store, fields, this.deps.now());
  }

  async join(request: JoinWorkshopRequest, client: string): Promise<JoinWorkshopResponse> {
    const retryAfter = this.joinAttempts.retryAfter(client);
    if (retryAfter)
      throw new NetlabError('NETLAB_ERR_TOO_MANY_ATTEMPTS', undefined, { retryAfter });
    const name = validName(request.name);
    const code = normalizeJoinCode(request.code);
    const workshop = code === null ? undefined : await this.deps.store.getWorkshopByCode(code);
    if (!workshop) {
      this.joinAttempts.wrong(client);
      throw new NetlabError('NETLAB_ERR_UNKNOWN_WORKSHOP');
    }
    requireOpen(workshop, this.deps.now());
    const token = randomToken();
    const participant = {
      id: randomId(),
      workshopId: workshop.id,
      name,
      tokenHash: hashToken(token),
      params: paramsFor(workshop, this.deps.labs),
      joinedAt: this.deps.now(),
    };
    if (!(await this.deps.store.addParticipant(participant))) {
      throw new NetlabError(
        'NETLAB_ERR_WORKSHOP_FULL',
        `This workshop is full (${workshop.capacity} learners); ask your instructor for a place.`,
      );
    }
    this.publishSnapshot(workshop.id);
    return {
      workshopId: workshop.id,
      participantId: participant.id,
      participantToken: token,
      learnUrl: `/workshop/learn/?id=${workshop.id}#p=${participant.id}.${token}`,
    };
  }

  async me(workshopId: string, token: string | undefined): Promise<ParticipantView> {
    const { workshop, participant } = await this.access.learner(workshopId, token);
    const live = await this.deps.store.liveSessions(workshop.id, this.deps.now(), participant.id);
    const sessions: Record<string, CreateSessionResponse> = {};
    for (const s of live) sessions[s.lab] = sessionResponse(s, token ?? '');
    const ended = await this.deps.store.endedSessions(workshop.id, participant.id, this.deps.now());
    const rebuildable = Object.fromEntries([...ended].filter(([lab]) => !(lab in sessions)));
    return {
      workshop: summaryOf(workshop, this.deps.now()),
      participant: { id: participant.id, name: participant.name },
      sessions,
      rebuildable,
    };
  }

  /** The learner's session of a lab: the live one, else a new one with their parameters. */
  async learnerSession(
    workshopId: string,
    token: string | undefined,
    request: { lab: string; client: string; rebuild: { locale: Locale } | null },
  ): Promise<CreateSessionResponse> {
    const { workshop, participant } = await this.access.learner(workshopId, token);
    const now = this.deps.now();
    requireOpen(workshop, now);
    const learner = { workshop, participant, token: token ?? '', client: request.client };
    // A rebuild only where the learner has no live session of the lab: else theirs is reused.
    const live = await this.deps.store.liveSessions(workshop.id, now, participant.id);
    const from =
      request.rebuild && !live.some((s) => s.lab === request.lab)
        ? (await this.deps.store.endedSessions(workshop.id, participant.id, now)).get(request.lab)
        : undefined;
    const { session } = await openLearnerSession(
      this.deps.sessions,
      this.deps.labs,
      learner,
      request.lab,
      from === undefined || !request.rebuild ? undefined : { from, locale: request.rebuild.locale },
    );
    return session;
  }

  async dashboard(workshopId: string, token: string | undefined): Promise<WorkshopDashboard> {
    return this.dashboardOf(await this.access.instructor(workshopId, token));
  }

  private async dashboardOf(workshop: WorkshopRow): Promise<WorkshopDashboard> {
    const { store } = this.deps;
    const [participants, standings, sessions, failures] = await Promise.all([
      store.participants(workshop.id),
      store.standings(workshop.id),
      store.liveSessions(workshop.id, this.deps.now()),
      store.webhookFailures(workshop.id, FAILURES_SHOWN),
    ]);
    return dashboardOf({
      workshop,
      participants,
      standings,
      sessions,
      failures,
      labs: this.deps.labs,
      now: this.deps.now(),
    });
  }

  /** The instructor's event stream, once authorized: a snapshot first, then changes. */
  async instructorEvents(
    workshopId: string,
    token: string | undefined,
  ): Promise<(response: ServerResponse) => void> {
    const workshop = await this.access.instructor(workshopId, token);
    const dashboard = await this.dashboardOf(workshop);
    return (response) => {
      this.fanout.instructors.open(workshop.id, response);
      this.fanout.instructors.sendTo(response, { type: 'snapshot', dashboard });
    };
  }

  /** The learner's event stream, once authorized: the current broadcast, then new ones and the end. */
  async learnerEvents(
    workshopId: string,
    token: string | undefined,
  ): Promise<(response: ServerResponse) => void> {
    const { workshop } = await this.access.learner(workshopId, token);
    const { message } = summaryOf(workshop, this.deps.now());
    return (response) => {
      const { learners } = this.fanout;
      learners.open(workshop.id, response);
      if (message) learners.sendTo(response, { type: 'message', message });
      if (workshop.endedAt !== null) {
        const at = new Date(workshop.endedAt).toISOString();
        learners.sendTo(response, { type: 'ended', at });
      }
    };
  }

  async broadcast(
    workshopId: string,
    token: string | undefined,
    text: string,
  ): Promise<WorkshopMessage> {
    const workshop = await this.access.instructor(workshopId, token);
    const at = this.deps.now();
    await this.deps.store.setMessage(workshop.id, text, at);
    const message = { text, at: new Date(at).toISOString() };
    this.fanout.send({ kind: 'message', workshopId: workshop.id, message });
    return message;
  }

  async end(workshopId: string, token: string | undefined): Promise<WorkshopSummary> {
    const workshop = await this.access.instructor(workshopId, token);
    return this.endWorkshop(workshop);
  }

  /**
   * Ends a workshop: every learner sandbox goes, the results stay; idempotent.
   * This server's sandboxes go before it answers, other servers' on the signal.
   */
  private async endWorkshop(workshop: WorkshopRow): Promise<WorkshopSummary> {
    const at = workshop.endedAt ?? this.deps.now();
    if (workshop.endedAt === null) await this.deps.store.endWorkshop(workshop.id, at);
    await this.endLocalSessions(workshop.id);
    this.fanout.send({ kind: 'ended', workshopId: workshop.id, at: new Date(at).toISOString() });
    return summaryOf({ ...workshop, endedAt: at }, this.deps.now());
  }

  /** Sessions another server holds are not in this one's manager, which skips them. */
  private async endLocalSessions(workshopId: string): Promise<void> {
    const live = await this.deps.store.liveSessions(workshopId, this.deps.now());
    await this.endSessions(live.map((s) => s.id));
  }

  private async endSessions(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.deps.sessions.end(id, 'ended', 'the workshop ended')));
  }

  /**
   * Called by the server's sweep: ends workshops whose end time has passed, and
   * repairs a missed "ended" signal (a bus reconnect drops what was said
   * meanwhile): learner sessions still live in an ended workshop are ended by
   * whichever server holds them.
   */
  async sweep(): Promise<void> {
    for (const workshop of await this.deps.store.workshopsDue(this.deps.now())) {
      await this.endWorkshop(workshop);
    }
    await this.endSessions(await this.deps.store.orphanedSessions(this.deps.now()));
  }

  async results(workshopId: string, token: string | undefined): Promise<WorkshopResults> {
    const workshop = await this.access.resultsReader(workshopId, token);
    const [participants, standings] = await Promise.all([
      this.deps.store.participants(workshop.id),
      this.deps.store.standings(workshop.id),
    ]);
    return resultsOf({
      workshop,
      participants,
      standings,
      labs: this.deps.labs,
      now: this.deps.now(),
    });
  }

  async createGraderToken(
    token: string | undefined,
    request: CreateGraderTokenRequest,
  ): Promise<CreateGraderTokenResponse> {
    this.access.requireAdmin(token);
    const workshops = [...new Set(request.workshops)];
    for (const id of workshops) {
      if (!(await this.deps.store.getWorkshop(id)))
        throw new NetlabError('NETLAB_ERR_UNKNOWN_WORKSHOP', `There is no workshop "${id}".`);
    }
    const grader = randomToken();
    await this.deps.store.insertGraderToken(hashToken(grader), workshops, this.deps.now());
    return { token: grader, workshops };
  }

  /** A learner joined or got a session: the grid has a new row or a new peek link. */
  private publishSnapshot(workshopId: string): void {
    this.fanout.send({ kind: 'snapshot', workshopId });
  }

  async close(): Promise<void> {
    this.unfollow();
    await this.progress.close();
    this.fanout.close();
  }
}
