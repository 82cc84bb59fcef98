import type { DigestMessage } from '../digest/model.js';
import type { Platform } from '../store/types.js';

/** A `/news` command, parsed the same way from Slack's text and Discord's options. */
export type Command =
  | {
      name: 'subscribe';
      topic?: string;
      mode?: 'alert' | 'digest';
      schedule?: string;
      timeZone?: string;
      /** A minimum score, or null to clear it ("min-score off"). */
      minScore?: number | null;
      updates?: 'thread' | 'channel' | 'off';
      /** A perspective token, or null to clear the filter ("perspective all"). */
      perspective?: string | null;
    }
  | { name: 'unsubscribe'; topic?: string }
  | { name: 'pause' }
  | { name: 'resume' }
  | { name: 'list'; share: boolean }
  | { name: 'latest'; count: number; share: boolean; perspective?: string }
  | { name: 'search'; query: string; share: boolean }
  | { name: 'story'; id: string; share: boolean }
  | { name: 'why'; target: string; share: boolean }
  | { name: 'feeds'; share: boolean }
  | { name: 'feed-add'; url: string }
  | { name: 'feed-remove'; url: string }
  | { name: 'help' };

/** Commands that change what the channel or the bot does: channel or workspace admins only. */
export const ADMIN_COMMANDS: ReadonlySet<Command['name']> = new Set(['subscribe', 'unsubscribe', 'pause', 'resume', 'feed-add', 'feed-remove']);

/** Who asked, where: filled in by each platform's adapter. */
export interface CommandContext {
  platform: Platform;
  /** Slack team id or Discord guild id. */
  workspace: string | null;
  channel: string;
  user: string;
  /** Whether the user may change subscriptions and feeds (adapter's platform rule). */
  isAdmin: boolean;
  /** What an admin is on this platform, for the refusal message. */
  adminRule: string;
  /** The user's or workspace's time zone when the platform tells it. */
  timeZone: string | null;
}

/** What a command answers. Text is plain: each adapter escapes it for its markup. */
export interface CommandReply {
  /** Only the user sees it (lookups, refusals, errors) unless they asked to share. */
  ephemeral: boolean;
  text: string;
  /** Stories to show with the text (latest, search, story). */
  stories?: DigestMessage;
}
