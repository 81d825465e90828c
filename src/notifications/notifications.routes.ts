import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { mapPage } from '../http/pagination';
import { listNotifications } from './notifications.repository';
import { toNotification } from './notifications.service';
import { notificationsPage, notificationsQuery } from './notifications.schemas';

// Operations (admin) and auditors (investigator) see whether notifications went out; a failed one is
// kept here for them, since the person it was meant for never heard of it.
export function notificationsRoutes({ db }: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: 'Outgoing notifications and their delivery state, newest first',
      tag: 'notifications',
      roles: ['admin', 'investigator'],
      query: notificationsQuery,
      success: { status: 200, description: 'A page of notifications', schema: notificationsPage },
      handler: async ({ query }) => {
        return mapPage(await listNotifications(db, { status: query.status }, query), toNotification);
      },
    }),
  ];
}
