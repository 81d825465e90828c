import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';
import { NOTIFICATION_STATUSES } from './notifications.table';

export const notificationSchema = z
  .object({
    id: z.uuid(),
    topic: z.string(),
    recipientRole: z.string().nullable(),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationsQuery = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  ...pageQuery,
});

export const notificationsPage = pageSchema(notificationSchema);
