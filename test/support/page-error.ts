import type { Request } from 'express';
import { allRoutes } from '../../src/app';
import { AppError } from '../../src/http/errors';
import type { Role } from '../../src/users/users.table';
import { InProcessApi, type ApiKey } from '../../src/web/web.api';
import { svError } from '../../src/web/web.validation.sv';
import type { TestContext } from './test-app';

/**
 * The Swedish sentence a page shows when an operation it performs is refused: the operation is run
 * in-process as the pages run it, and its error translated as the pages translate it.
 */
export async function pageErrorText(
  ctx: TestContext,
  role: Role,
  key: ApiKey,
  call: { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown },
): Promise<string> {
  const api = new InProcessApi(allRoutes(ctx.deps));
  try {
    await api.call(key, { user: { id: ctx.userIds[role], name: role, role }, req: {} as Request, ...call });
  } catch (err) {
    if (err instanceof AppError) return svError(err);
    throw err;
  }
  throw new Error(`${key} was not refused`);
}
