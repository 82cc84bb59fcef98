import type { App } from '@slack/bolt';
import { cutAtLine, storiesShownNote } from '../cut-lines.js';
import { executeCommand } from '../../commands/execute.js';
import type { CommandDeps } from '../../commands/deps.js';
import type { CommandReply } from '../../commands/types.js';
import { unescapeSlackText } from '../../commands/parse.js';
import type { Store } from '../../store/types.js';
import type { Logger } from '../../log.js';
import { escapeSlackControl, renderSlack } from './render.js';
import { cleanText } from '../../digest/time.js';

export interface SlackCommandOptions {
  deps: CommandDeps;
  /** User ids allowed to change subscriptions besides workspace admins and owners. */
  admins: string[];
  logger: Logger;
}

/**
 * `/news` on Slack. Bolt's receiver verifies the request signature and rejects stale requests;
 * the handler acknowledges at once (Slack's 3-second limit) and answers through `response_url`.
 * @see https://api.slack.com/interactivity/slash-commands
 */
export function registerSlackCommands(app: App, options: SlackCommandOptions): void {
  app.command('/news', async ({ command, ack, respond, client }) => {
    await ack();
    try {
      const user = await client.users.info({ user: command.user_id }).catch(() => null); // lookups work without it
      const profile = user?.user;
      const isAdmin = options.admins.includes(command.user_id) || Boolean(profile?.is_admin || profile?.is_owner || profile?.is_primary_owner);
      const reply = await executeCommand(
        unescapeSlackText(command.text),
        {
          platform: 'slack',
          workspace: command.team_id,
          channel: command.channel_id,
          user: command.user_id,
          isAdmin,
          adminRule: 'workspace admins and owners, or users listed under commands.slackAdmins in the config',
          timeZone: profile?.tz ?? null,
        },
        options.deps,
      );
      await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...renderSlackReply(reply) });
    } catch (error) {
      options.logger.error({ err: error, command: command.text }, 'slash command failed');
      await respond({ response_type: 'ephemeral', text: 'Sorry, that failed on my side. The error is in the bot\'s log.' });
    }
  });

  // When the bot leaves or loses a channel, its subscriptions there pause (not lost: /news resume).
  const pause = (store: Store, channel: string, reason: string): Promise<number> => store.pauseSubscriptionsWhere({ platform: 'slack', channel }, reason);
  app.event('channel_left', async ({ event }) => void (await pause(options.deps.store, event.channel, 'the bot was removed from the channel')));
  app.event('group_left', async ({ event }) => void (await pause(options.deps.store, event.channel, 'the bot was removed from the channel')));
  app.event('channel_deleted', async ({ event }) => void (await pause(options.deps.store, event.channel, 'the channel was deleted')));
  app.event('channel_archive', async ({ event }) => void (await pause(options.deps.store, event.channel, 'the channel was archived')));
  app.event('app_uninstalled', async () => void (await options.deps.store.pauseSubscriptionsWhere({ platform: 'slack' }, 'the app was uninstalled')));
}

/**
 * A command reply as Slack blocks. The reply text is plain (it may quote feed titles), so it goes in
 * a plain_text section, which Slack never parses for markup or mentions: no escaping needed, and a
 * cron example copied from it has no invisible characters. Stories render as in digests.
 */
export function renderSlackReply(reply: CommandReply): { text: string; blocks: ReturnType<typeof renderSlack>[number]['blocks'] } {
  let storyBlocks: ReturnType<typeof renderSlack>[number]['blocks'] = [];
  let note: string | null = null;
  if (reply.stories && reply.stories.stories.length > 0) {
    const [first] = renderSlack(reply.stories);
    // The reply's own text replaces the digest header; at most 50 blocks in one response. Each
    // story is one section block (then its context): those that do not fit are counted in a note.
    storyBlocks = (first?.blocks ?? []).filter((block) => block.type !== 'header').slice(0, 49);
    note = storiesShownNote(storyBlocks.filter((block) => block.type === 'section').length, reply.stories.stories.length);
  }
  const plain = cutAtLine([...reply.text.split('\n'), ...(note ? [note] : [])].map(cleanText).join('\n'), 3000);
  const blocks: ReturnType<typeof renderSlack>[number]['blocks'] = [{ type: 'section', text: { type: 'plain_text', text: plain, emoji: false } }, ...storyBlocks];
  return { text: escapeSlackControl(plain), blocks };
}
