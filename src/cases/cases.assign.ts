import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { lockApplication } from '../applications/applications.repository';
import { loadApplication } from '../applications/applications.service';
import type { Application } from '../applications/applications.schemas';
import { invalidField, NotFoundError } from '../http/errors';
import type { AuthUser } from '../http/auth';
import { findUsersByIds } from '../users/users.repository';
import { setAssignedTo } from './cases.repository';

/**
 * Hands an application to another handling officer (handläggare). Only an active case officer can
 * handle a case; the change is audited with who had it before.
 */
export async function assignApplication(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: AuthUser,
  applicationId: string,
  userId: string,
): Promise<Application> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, applicationId);
    if (!app) throw new NotFoundError('Application');
    const user = (await findUsersByIds(trx, [userId])).get(userId);
    if (!user || !user.active || user.role !== 'case_officer') {
      throw invalidField('body.userId', 'case_officer_required', 'must be an active case officer');
    }
    if (app.assigned_to !== userId) {
      await setAssignedTo(trx, app.case_id, userId);
      await appendAudit(trx, deps.clock, {
        actor: actor.id,
        action: 'case.assigned',
        entityType: 'case',
        entityId: app.case_id,
        details: { caseNumber: app.case_number, applicationId, from: app.assigned_to, to: userId },
      });
    }
    return loadApplication(trx, applicationId);
  });
}
