/**
 * Errors with stable codes: users read `message`, logs, metrics and tests use `code`.
 * Modelled on Bolt's CodedError: one small class per family, `asCodedError()` for the unknown.
 */
export type FeedErrorCode =
  | 'feed_timeout'
  | 'feed_too_large'
  | 'feed_http_status'
  | 'feed_redirect_limit'
  | 'feed_network'
  | 'feed_malformed'
  | 'feed_not_a_feed'
  | 'feed_empty'
  | 'feed_encoding'
  | 'feed_not_found'
  | 'feed_blocked_address';

export type ConfigErrorCode = 'config_missing' | 'config_syntax' | 'config_invalid' | 'topic_invalid';

export type StoreErrorCode = 'store_open_failed' | 'store_write_failed' | 'store_migration_failed';

export type DeliveryErrorCode =
  | 'chat_rate_limited'
  | 'chat_unavailable'
  | 'chat_timeout'
  | 'chat_channel_not_found'
  | 'chat_not_in_channel'
  | 'chat_missing_permission'
  | 'chat_auth_failed'
  | 'chat_rejected'
  | 'chat_not_configured';

export type ErrorCode = FeedErrorCode | ConfigErrorCode | StoreErrorCode | DeliveryErrorCode | 'unknown';

export interface CodedError extends Error {
  code: ErrorCode;
}

/**
 * A feed could not be fetched or parsed. `feed` is the URL or path as configured. `retryAfterMs` is
 * how long the server asked us to wait (Retry-After on a 429 or 503), counted from its response.
 */
export class FeedError extends Error implements CodedError {
  override name = 'FeedError';
  public readonly retryAfterMs: number | null;
  constructor(
    public readonly code: FeedErrorCode,
    public readonly feed: string,
    public readonly reason: string,
    options?: { cause?: unknown; retryAfterMs?: number | null },
  ) {
    super(`${feed}: ${reason}`, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }
}

/** The configuration or a topic file is missing or invalid. `file` names it. */
export class ConfigError extends Error implements CodedError {
  override name = 'ConfigError';
  constructor(
    public readonly code: ConfigErrorCode,
    public readonly file: string,
    public readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** The store could not be opened, migrated or written. */
export class StoreError extends Error implements CodedError {
  override name = 'StoreError';
  constructor(
    public readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A chat platform refused or failed a message. `retryable` errors (rate limits, 5xx, timeouts) are
 * tried again later; permanent ones (channel gone, bot removed, token revoked) stop the subscription.
 */
export class DeliveryError extends Error implements CodedError {
  override name = 'DeliveryError';
  constructor(
    public readonly code: DeliveryErrorCode,
    public readonly retryable: boolean,
    message: string,
    public readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A story's thread cannot take a message: the first alert was deleted, the thread was deleted,
 * archived or locked, or the bot may not post in threads there. The update goes to the channel.
 */
export class ThreadUnavailableError extends Error {
  override name = 'ThreadUnavailableError';
  constructor(public readonly reason: string, options?: { cause?: unknown }) {
    super(`the story's thread cannot be used: ${reason}`, options);
  }
}

/** The platform will not let the bot edit a message (edit window closed, not its own message). */
export class EditRefusedError extends Error {
  override name = 'EditRefusedError';
}

export function isCodedError(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

export function asCodedError(error: unknown): CodedError {
  if (error instanceof FeedError || error instanceof ConfigError || error instanceof StoreError || error instanceof DeliveryError) return error;
  const wrapped = new Error(error instanceof Error ? error.message : String(error), { cause: error }) as CodedError;
  wrapped.code = 'unknown';
  return wrapped;
}
