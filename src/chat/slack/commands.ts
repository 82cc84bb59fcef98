import type { App, types } from '@slack/bolt';
import { cutLinesBeforeNote } from '../cut-lines.js';
import { sendFollowUps } from '../follow-ups.js';
import { packStories, pageText, type FitsInMessage } from '../story-pages.js';
import { executeCommand } from '../../commands/execute.js';
import type { CommandDeps } from '../../commands/deps.js';
import type { CommandReply } from '../../commands/types.js';
import { unescapeSlackText } from '../../commands/parse.js';
import type { DigestMessage } from '../../digest/model.js';
import type { Store } from '../../store/types.js';
import type { Logger } from '../../log.js';
import { digestStoryBlocks, digestWindowBlock, escapeSlackControl, storyBlocksFit, withDividers, type SlackPayload } from './render.js';
import { cleanText } from '../../digest/time.js';

export interface SlackCommandOptions {
  deps: CommandDeps;
  /** User ids allowed to change subscriptions besides workspace admins and owners. */
  admins: string[];
  logger: Logger;
}

/**
 * `/news` on Slack. Bolt's receiver verifies the request signature and rejects stale requests;
 * the handler acknowledges at once (Slack's 3-second limit) and answers through `response_url`,
 * in more than one message when the answer's stories do not fit in one.
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
      // Every message of one answer is as visible as the first: a shared answer is shared whole.
      const responseType = reply.ephemeral ? 'ephemeral' : 'in_channel';
      const [first, ...followUps] = renderSlackReply(reply);
      await respond({ response_type: responseType, ...first });
      // New messages after the first, never edits of it.
      await sendFollowUps(followUps, (message) => respond({ response_type: responseType, replace_original: false, ...message }), options.logger, { command: command.text, channel: command.channel_id });
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
 * Slack accepts at most 5 posts to one response_url (within 30 minutes): an answer longer than that
 * leaves its last stories out, and says so. `/news latest 20` takes two.
 * @see https://api.slack.com/interactivity/handling#message_responses
 */
const RESPONSE_URL_POSTS = 5;

/** Blocks each message of a reply keeps for itself: the text section, and on the first the window. */
const FIRST_MESSAGE_BLOCKS = 2;
const FOLLOW_UP_BLOCKS = 1;

type KnownBlock = types.KnownBlock;

/** A plain_text section, which Slack never parses for markup or mentions. */
function plainSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'plain_text', text, emoji: false } };
}

/** Lines cleaned of control characters, cut to `max` with `note` kept whole as the last line. */
function plainText(text: string, note: string | null, max: number): string {
  return cutLinesBeforeNote(text, note, max, cleanText);
}

/**
 * A command reply as Slack messages: the first carries the reply's text, then as many stories as
 * its 50 blocks hold; the rest follow in more messages, numbering on. The reply text is plain (it
 * may quote feed titles), so it goes in a plain_text section: no escaping needed, and a cron
 * example copied from it has no invisible characters. Stories render as in digests.
 */
export function renderSlackReply(reply: CommandReply): [first: SlackPayload, ...followUps: SlackPayload[]] {
  const [first, ...followUps] = reply.stories ? storyMessages(reply.text, reply.stories) : [];
  if (first === undefined) {
    const plain = plainText(reply.text, null, 3000);
    return [{ text: escapeSlackControl(plain), blocks: [plainSection(plain)] }];
  }
  return [first, ...followUps];
}

/** The reply's text and its stories in as many messages as they take; none without stories. */
function storyMessages(text: string, stories: DigestMessage): SlackPayload[] {
  const fits: FitsInMessage<KnownBlock[]> = (page, next, index) => storyBlocksFit(page, next, index === 0 ? FIRST_MESSAGE_BLOCKS : FOLLOW_UP_BLOCKS);
  const pages = packStories(digestStoryBlocks(stories), fits, RESPONSE_URL_POSTS);
  const total = stories.stories.length;
  return pages.map((page, index) => {
    // The reply's own text replaces the digest's header; a follow-up says what it continues.
    const shown = pageText(text, stories.title, pages, index, total);
    const plain = plainText(shown.text, shown.note, 3000);
    const head = index === 0 ? [plainSection(plain), digestWindowBlock(stories)] : [plainSection(plain)];
    return { text: escapeSlackControl(plain), blocks: [...head, ...withDividers(page.units)] };
  });
}
