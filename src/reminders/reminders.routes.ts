import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { mapPage } from '../http/pagination';
import { ForbiddenError } from '../http/errors';
import type { AuthUser } from '../http/auth';
import { listReminders } from './reminders.repository';
import { completeReminder, toReminder } from './reminders.service';
import {
  completeReminderBody,
  completedReminderSchema,
  remindersPage,
  remindersQuery,
} from './reminders.schemas';
import { ASSIGNEE_ROLES, type AssigneeRole } from './reminders.table';

const WORKERS = ASSIGNEE_ROLES;

/** Each role sees the reminders assigned to it; an investigator sees everyone's (read-only). */
function visibleRole(user: AuthUser, asked: AssigneeRole | undefined): AssigneeRole | undefined {
  if (user.role === 'investigator') return asked;
  if (asked !== undefined && asked !== user.role)
    throw new ForbiddenError('You see only your own role’s reminders', {
      code: 'other_role_reminders',
      params: { role: asked },
    });
  return user.role as AssigneeRole;
}

export function remindersRoutes({ db, clock }: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/reminders',
      summary: 'Reminders assigned to your role (an investigator: all), newest first or earliest due first',
      tag: 'reminders',
      roles: [...WORKERS, 'investigator'],
      query: remindersQuery,
      success: { status: 200, description: 'A page of reminders', schema: remindersPage },
      handler: async ({ query, user }) => {
        const assigneeRole = visibleRole(user, query.assigneeRole);
        const page = await listReminders(
          db,
          {
            status: query.status,
            assigneeRole,
            dueBefore: query.dueBefore,
            kind: query.kind,
            associationId: query.associationId,
            decisionId: query.decisionId,
          },
          query.sort,
          query,
        );
        return mapPage(page, toReminder);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/reminders/:id/complete',
      summary: 'Mark a reminder of your role done, with a note; a yearly follow-up schedules the next',
      tag: 'reminders',
      roles: WORKERS,
      params: idParams,
      body: completeReminderBody,
      success: { status: 200, description: 'The completed reminder', schema: completedReminderSchema },
      handler: ({ params, body, user }) => completeReminder(db, clock, user, params.id, body.note),
    }),
  ];
}
