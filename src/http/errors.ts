// Domain errors. Services throw these; the error handler turns each into the contract's error shape.

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, 'validation_failed', message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** A single-field validation error, for rules zod cannot see (e.g. "at most one year ahead"). */
export function invalidField(path: string, message: string): ValidationError {
  return new ValidationError('Request validation failed', [{ path, message }]);
}
