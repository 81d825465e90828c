// Domain errors. Services throw these; the error handler turns each into the contract's error shape.

/**
 * Every problem the service names, by a stable code: the API's `details[].code`, and the key of the
 * pages' Swedish table (src/web/web.validation.sv.ts), which the compiler holds to this list. The
 * English `message` beside it may be reworded at will; the code may not.
 */
export const ERROR_CODES = [
  // Any field (zod's own kinds, mapped in validation-details.ts)
  'required',
  'empty',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'number_too_small',
  'number_too_large',
  'not_a_number',
  'not_an_integer',
  'invalid_type',
  'invalid_option',
  'must_be_true',
  'invalid_id',
  'invalid_format',
  'unknown_field',
  'not_allowed',
  'invalid',
  // Text the database or a reader could not keep faithfully
  'nul_character',
  'lone_surrogate',
  'control_characters',
  // Dates and periods
  'invalid_date_format',
  'invalid_date',
  'date_before_year_1000',
  'invalid_instant',
  'instant_before_year_1000',
  'invalid_instant_value',
  'date_in_future',
  'date_outside_planning',
  'period_order',
  'time_order',
  'period_too_long',
  'range_order',
  'beyond_log',
  'cursor_invalid',
  'idempotency_key_invalid',
  // Identity numbers (params.reason: an IdProblem from src/shared/swedish-ids.ts)
  'invalid_org_number',
  'invalid_personal_number',
  'person_has_no_org_number',
  'organisation_has_no_personal_number',
  'association_unknown',
  'application_unknown',
  'one_of_required',
  'search_term_required',
  'case_number_not_allowed',
  // Applications, findings, screenings
  'single_sex_category',
  'finding_not_of_application',
  'finding_not_of_association',
  'screening_not_of_application',
  'not_a_sanctions_hit',
  'sanctions_hit_not_cleared',
  // Decisions and kommunicering (förvaltningslagen 25 and 32 §§)
  'kommunicering_required',
  'justification_required',
  'reason_required',
  'note_required',
  'referral_outcome_required',
  'conditions_only_on_approval',
  'letter_mentions_watchlist',
  'communication_or_exemption',
  'exemption_not_needed',
  'communication_not_of_case',
  'reply_by_before_sent',
  'reply_by_too_late',
  'received_before_sent',
  'case_officer_required',
  'jav_not_confirmed',
  'paragraph_format',
  'check_number_format',
  'meeting_before_prepared',
  'criteria_required',
  'not_conduct_criterion',
  'too_many_decisions',
  // Watchlist
  'review_by_past',
  'review_by_too_far',
  'published_in_future',
  'no_entities',
  'sanctions_list_invalid',
  // The watchlist CSV import, per line
  'invalid_category',
  'csv_header_missing',
  'csv_header_columns',
  'csv_field_count',
  'csv_unterminated_quote',
  'csv_after_quote',
  // Conflicts and refusals (AppError.reason)
  'support_status',
  'communication_open',
  'reply_deadline_not_passed',
  'reply_already_recorded',
  'no_reply_already_recorded',
  'reply_just_recorded',
  'reminder_completed',
  'not_your_reminder',
  'other_role_reminders',
  'referral_resolved',
  'case_number_in_use',
  'open_withdrawal_case',
  'last_admin',
  'hit_already_cleared',
  'newer_screening',
  'decision_pending',
  'support_decision_pending',
  'supersedes_not_final',
  'final_decision_exists',
  'decision_not_pending',
  'screened_again',
  'decision_just_closed',
  'letter_not_final',
  'entry_not_active',
  'entry_from_sanctions_list',
  'older_list_file',
  'import_running',
  'association_registered',
  'jav_finding',
  'jav_watchlist',
  'four_eyes',
  'no_delegation',
  'reserved_to_committee',
  'not_reserved_to_committee',
  'coordinator_records_committee',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The contract's top-level `error.code`: the kind of failure, beside the HTTP status (a field
 * problem's own code is in `details`). The pages' Swedish table for an error without a reason or a
 * detail (src/web/web.validation.sv.ts) is held to this list by the compiler.
 */
export const API_ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** What a code's text needs to be precise (a limit, a date, a status): small, flat, serialisable. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** A problem by code: a field detail's code and params, or the reason of a conflict or refusal. */
export interface Problem {
  code: ErrorCode;
  params?: ErrorParams;
}

export interface ErrorDetail extends Problem {
  path: string;
  /** English, for API clients and logs; the code is what a reader translates. */
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** A kind of failure, or (a refusal that is one rule's) that rule's code, e.g. sanctions_hit_not_cleared. */
    readonly code: ApiErrorCode | ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Which conflict or refusal this is, for the pages' Swedish text (the API keeps the message). */
    readonly reason?: Problem,
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
  constructor(message = 'Your role may not do this', reason?: Problem) {
    super(403, 'forbidden', message, undefined, reason);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, reason?: Problem) {
    super(409, 'conflict', message, undefined, reason);
  }
}

/** A single-field validation error, for rules zod cannot see (e.g. "at most one year ahead"). */
export function invalidField(
  path: string,
  code: ErrorCode,
  message: string,
  params?: ErrorParams,
): ValidationError {
  return new ValidationError('Request validation failed', [
    { path, code, message, ...(params && { params }) },
  ]);
}
