import type { Command, CommandContext, CommandReply } from './types.js';
import type { CommandDeps } from './deps.js';
import { ADMIN_COMMANDS } from './types.js';
import { parseCommandText } from './parse.js';
import { listCommand, pauseCommand, subscribeCommand, unsubscribeCommand } from './subscriptions.js';
import { latestCommand, searchCommand, storyCommand, whyCommand } from './lookups.js';
import { feedAddCommand, feedRemoveCommand, feedsCommand } from './feeds.js';

export const HELP_TEXT = [
  'newsbot: Japan–China–Taiwan news, one story per event. Commands:',
  '/news subscribe [topic] [mode alert|digest] [schedule "<cron>"] [tz <zone>] [min-score N|off] [updates thread|channel|off] [perspective cn-state|all] (admins)',
  '/news unsubscribe [topic] · /news pause · /news resume (admins)',
  '/news list: this channel\'s subscriptions, next delivery, errors',
  '/news latest [N] [perspective cn-state]: the newest stories, with sources and who reported them',
  '/news search <words>: "quoted phrases" and -excluded words work',
  '/news story <id>: one story, all its sources, why it matched',
  '/news why <link or item id>: why an item was or was not flagged',
  '/news feeds: feed health · /news feed add|remove <url> (admins)',
  'Add "share" at the end of a lookup to post the answer to the channel.',
].join('\n');

/** Run a parsed command (Discord) or command text (Slack) for a user in a channel. */
export async function executeCommand(input: Command | string, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  let command: Command;
  if (typeof input === 'string') {
    const parsed = parseCommandText(input);
    if (!parsed.ok) return { ephemeral: true, text: parsed.error };
    command = parsed.command;
  } else {
    command = input;
  }
  if (ADMIN_COMMANDS.has(command.name) && !context.isAdmin) {
    return { ephemeral: true, text: `Sorry, only ${context.adminRule} can use "${command.name.replace('-', ' ')}". Lookups (latest, search, story, why, feeds, list) are open to everyone.` };
  }
  switch (command.name) {
    case 'help':
      return { ephemeral: true, text: HELP_TEXT };
    case 'subscribe':
      return subscribeCommand(command, context, deps);
    case 'unsubscribe':
      return unsubscribeCommand(command.topic ?? deps.defaults.topic, context, deps);
    case 'pause':
    case 'resume':
      return pauseCommand(command.name, context, deps);
    case 'list':
      return listCommand(command.share, context, deps);
    case 'latest':
      return latestCommand(command.count, command.share, context, deps, command.perspective);
    case 'search':
      return searchCommand(command.query, command.share, context, deps);
    case 'story':
      return storyCommand(command.id, command.share, context, deps);
    case 'why':
      return whyCommand(command.target, command.share, context, deps);
    case 'feeds':
      return feedsCommand(command.share, context, deps);
    case 'feed-add':
    case 'feed-remove': {
      const operators = deps.feedOperators ?? [];
      if (operators.length > 0 && !operators.includes(`${context.platform}:${context.user}`)) {
        return { ephemeral: true, text: `Sorry, feeds are the whole bot's, and only its operators (commands.feedOperators in the config) can add or remove them. /news feeds lists them.` };
      }
      return command.name === 'feed-add' ? feedAddCommand(command.url, deps) : feedRemoveCommand(command.url, deps);
    }
  }
}
