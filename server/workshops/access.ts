/**
 * Who may do what with a workshop. Four bearer tokens: the admin token (from
 * the configuration), a workshop's instructor secret, a learner's participant
 * token and grader tokens; all but the admin token are stored as sha256 hashes
 * and compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import { NetlabError } from '../errors.ts';
import { hashToken, tokenMatches } from '../sessions/tokens.ts';
import type { ParticipantRow, WorkshopRow, WorkshopStore } from '../store/workshop-store.ts';

const NO_TOKEN = 'A token is required: send "Authorization: Bearer <token>".';
const WRONG_TOKEN = 'This token does not open that workshop.';

export class WorkshopAccess {
  private readonly store: WorkshopStore;
  private readonly adminHash: Buffer | null;

  constructor(deps: { store: WorkshopStore; adminToken: string | null }) {
    this.store = deps.store;
    this.adminHash =
      deps.adminToken === null ? null : Buffer.from(hashToken(deps.adminToken), 'hex');
  }

  get enabled(): boolean {
    return this.adminHash !== null;
  }

  isAdmin(token: string | undefined): boolean {
    if (!token || !this.adminHash) return false;
    return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), this.adminHash);
  }

  /** Admin-only routes: 503 without ADMIN_TOKEN, 401 without a token, 403 with another. */
  requireAdmin(token: string | undefined): void {
    if (!this.enabled) throw new NetlabError('NETLAB_ERR_WORKSHOPS_DISABLED');
    if (!token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED', NO_TOKEN);
    if (!this.isAdmin(token))
      throw new NetlabError('NETLAB_ERR_FORBIDDEN', 'This is not the admin token of this server.');
  }

  /** The workshop, if `token` is its instructor secret (or the admin token). */
  async instructor(workshopId: string, token: string | undefined): Promise<WorkshopRow> {
    if (!token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED', NO_TOKEN);
    const workshop = await this.store.getWorkshop(workshopId);
    if (workshop && tokenMatches(token, workshop.instructorSecretHash)) return workshop;
    if (this.isAdmin(token)) return known(workshop);
    // The same answer whether the workshop exists or not, so ids cannot be probed.
    throw new NetlabError('NETLAB_ERR_FORBIDDEN', WRONG_TOKEN);
  }

  /** The learner whose participant token this is, in this workshop. */
  async learner(
    workshopId: string,
    token: string | undefined,
  ): Promise<{ workshop: WorkshopRow; participant: ParticipantRow }> {
    if (!token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED', NO_TOKEN);
    const participant = await this.store.getParticipantByTokenHash(hashToken(token));
    const workshop =
      participant?.workshopId === workshopId ? await this.store.getWorkshop(workshopId) : undefined;
    if (!participant || !workshop) throw new NetlabError('NETLAB_ERR_FORBIDDEN', WRONG_TOKEN);
    return { workshop, participant };
  }

  /** Results: the instructor, the admin, or a grader token that lists the workshop. */
  async resultsReader(workshopId: string, token: string | undefined): Promise<WorkshopRow> {
    if (!token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED', NO_TOKEN);
    const scope = await this.store.graderWorkshops(hashToken(token));
    if (scope) {
      if (!scope.includes(workshopId))
        throw new NetlabError(
          'NETLAB_ERR_FORBIDDEN',
          'This grader token does not cover that workshop.',
        );
      return known(await this.store.getWorkshop(workshopId));
    }
    return this.instructor(workshopId, token);
  }
}

function known(workshop: WorkshopRow | undefined): WorkshopRow {
  if (!workshop)
    throw new NetlabError('NETLAB_ERR_UNKNOWN_WORKSHOP', 'There is no workshop with that id.');
  return workshop;
}
