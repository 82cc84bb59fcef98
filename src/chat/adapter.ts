import type { ChatMessage } from '../digest/model.js';
import type { Platform, StoryThread } from '../store/types.js';
import type { CommandDeps } from '../commands/deps.js';
import type { HttpRoute } from '../ops/health.js';

/** What adapters need to answer `/news` commands. */
export interface CommandRuntime {
  deps: CommandDeps;
  /** Slack user ids allowed to change subscriptions besides admins and owners. */
  slackAdmins: string[];
}

/**
 * The seam between delivery and a chat platform. An adapter renders the platform-neutral message
 * into its own payloads (split within the platform's limits) and posts them one at a time, so a
 * retry after a partial failure continues with the next part. Errors are `DeliveryError`s.
 */
export interface ChatAdapter {
  readonly platform: Platform;
  render(message: ChatMessage): unknown[];
  /** Post one payload; resolves to the platform's message id. `idempotencyKey` is unique per part. */
  post(channel: string, payload: unknown, idempotencyKey: string): Promise<string>;
  /**
   * After a crash mid-send: the id of a message posted with this key since `since`, or null.
   * Adapters whose platform drops repeated posts itself (Discord's nonce) need not implement it.
   */
  findPosted?(channel: string, idempotencyKey: string, since: number, thread?: StoryThread): Promise<string | null>;
  /**
   * Threads. An adapter that implements these keeps each story in one place: `threadOf` turns a
   * posted alert into the story's thread anchor (with a link), `postInThread` posts under it
   * (starting the thread where the platform needs that), and `editMessage` rewrites the alert so
   * it shows the current source count. They throw `ThreadUnavailableError` when the thread is gone
   * (message or thread deleted, archived, locked, no permission), `EditRefusedError` when an edit
   * is not allowed, and `DeliveryError` otherwise.
   */
  threadOf?(channel: string, messageId: string, workspace: string | null): Promise<StoryThread>;
  postInThread?(channel: string, thread: StoryThread, payload: unknown, idempotencyKey: string, title: string): Promise<{ messageId: string; thread: StoryThread }>;
  editMessage?(channel: string, thread: StoryThread, payload: unknown): Promise<void>;
  /** Start listening for the platform's events and answer `/news` commands; not needed to post. */
  start?(commands: CommandRuntime): Promise<void>;
  /**
   * Serve these routes on the adapter's own HTTP listener (Slack's receiver on PORT). Returns false
   * when the adapter has no listener on PORT (Socket Mode, Discord), so the app serves them itself.
   */
  serveHttpRoutes?(routes: HttpRoute[]): boolean;
  stop(): Promise<void>;
}
