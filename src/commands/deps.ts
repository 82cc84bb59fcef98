import type { CompiledTopic } from '../match/compile.js';
import type { FeedFetcher } from '../feeds/types.js';
import type { OutletDirectory } from '../feeds/outlets.js';
import type { Store } from '../store/types.js';
import type { CommandContext } from './types.js';

export interface CommandDeps {
  store: Store;
  topics: Map<string, CompiledTopic>;
  fetcher: FeedFetcher;
  /** Defaults for `subscribe` without options, and the topic lookups use. */
  defaults: { topic: string; timeZone: string; schedule: string };
  now: () => number;
  /** Outlet facts of configured feeds, for perspective labels. */
  outlets: OutletDirectory;
  /** "platform:user" ids that may add and remove feeds; empty: any admin (config commands.feedOperators). */
  feedOperators?: readonly string[];
}

/** The zone to show times in: the user's or workspace's, else the configured one. */
export const zoneOf = (context: CommandContext, deps: CommandDeps): string => context.timeZone ?? deps.defaults.timeZone;
