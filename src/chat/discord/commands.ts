import { cutLinesBeforeNote } from '../cut-lines.js';
import { sendFollowUps } from '../follow-ups.js';
import { packStories, pageText } from '../story-pages.js';
import {
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { executeCommand } from '../../commands/execute.js';
import type { CommandDeps } from '../../commands/deps.js';
import type { CommandReply } from '../../commands/types.js';
import type { DigestMessage } from '../../digest/model.js';
import type { Logger } from '../../log.js';
import { digestStoryEmbeds, embedFits, escapeDiscordText, type DiscordPayload } from './render.js';

const SHARE = 'post the answer to the channel instead of only to you';

/**
 * `/news` as a Discord slash command with subcommands. Subcommands cannot carry their own default
 * member permissions (Discord applies them to the whole command), and lookups are for everyone, so
 * Manage Channels is checked when subscribe/unsubscribe/pause/resume/feed run.
 * @see https://discord.com/developers/docs/interactions/application-commands#subcommands-and-subcommand-groups
 */
export function newsCommandDefinition(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder()
    .setName('news')
    .setDescription('Japan–China–Taiwan news: subscriptions and lookups')
    .setDMPermission(false)
    .addSubcommand((s) =>
      s
        .setName('subscribe')
        .setDescription('subscribe this channel (Manage Channels)')
        .addStringOption((o) => o.setName('topic').setDescription('topic, default japan-china-taiwan'))
        .addStringOption((o) => o.setName('mode').setDescription('alert or digest').addChoices({ name: 'alert', value: 'alert' }, { name: 'digest', value: 'digest' }))
        .addStringOption((o) => o.setName('schedule').setDescription('digest schedule, cron: "0 8,18 * * *"'))
        .addStringOption((o) => o.setName('tz').setDescription('IANA time zone, e.g. Asia/Tokyo'))
        .addNumberOption((o) => o.setName('min-score').setDescription('only stories scoring at least this'))
        .addStringOption((o) =>
          o.setName('updates').setDescription('alert: later sources go to a thread (default), the channel, or nowhere')
            .addChoices({ name: 'thread', value: 'thread' }, { name: 'channel', value: 'channel' }, { name: 'off', value: 'off' }))
        .addStringOption((o) => o.setName('perspective').setDescription('digest: only stories reported by e.g. cn-state, jp-public, wire; "all" clears')),
    )
    .addSubcommand((s) => s.setName('unsubscribe').setDescription('stop a subscription (Manage Channels)').addStringOption((o) => o.setName('topic').setDescription('topic')))
    .addSubcommand((s) => s.setName('pause').setDescription('pause deliveries here (Manage Channels)'))
    .addSubcommand((s) => s.setName('resume').setDescription('resume deliveries here (Manage Channels)'))
    .addSubcommand((s) => s.setName('list').setDescription("this channel's subscriptions").addBooleanOption((o) => o.setName('share').setDescription(SHARE)))
    .addSubcommand((s) =>
      s.setName('latest').setDescription('the newest stories')
        .addIntegerOption((o) => o.setName('count').setDescription('1-20').setMinValue(1).setMaxValue(20))
        .addStringOption((o) => o.setName('perspective').setDescription('only stories reported by e.g. cn-state, jp-public, tw, wire'))
        .addBooleanOption((o) => o.setName('share').setDescription(SHARE)))
    .addSubcommand((s) => s.setName('search').setDescription('search stored items').addStringOption((o) => o.setName('query').setDescription('"phrases" and -words work').setRequired(true)).addBooleanOption((o) => o.setName('share').setDescription(SHARE)))
    .addSubcommand((s) => s.setName('story').setDescription('one story with its sources').addStringOption((o) => o.setName('id').setDescription('story number').setRequired(true)).addBooleanOption((o) => o.setName('share').setDescription(SHARE)))
    .addSubcommand((s) => s.setName('why').setDescription('why an item was or was not flagged').addStringOption((o) => o.setName('target').setDescription('link or item id').setRequired(true)).addBooleanOption((o) => o.setName('share').setDescription(SHARE)))
    .addSubcommand((s) => s.setName('feeds').setDescription('feed health').addBooleanOption((o) => o.setName('share').setDescription(SHARE)))
    .addSubcommand((s) => s.setName('help').setDescription('what newsbot can do'))
    .addSubcommandGroup((g) =>
      g
        .setName('feed')
        .setDescription('add or remove a feed (Manage Channels)')
        .addSubcommand((s) => s.setName('add').setDescription('add a feed').addStringOption((o) => o.setName('url').setDescription('feed URL').setRequired(true)))
        .addSubcommand((s) => s.setName('remove').setDescription('remove a feed').addStringOption((o) => o.setName('url').setDescription('feed URL').setRequired(true))),
    );
  return builder.toJSON();
}

/** Discord options → the text form Slack users type, so one parser validates both platforms. */
export function commandText(interaction: Pick<ChatInputCommandInteraction, 'options'>): string {
  const { options } = interaction;
  // A value typed with its own quotes (straight or curly, as phones type them) loses them first: the
  // option is already one value, and only whitespace needs quoting for the text parser.
  const quote = (value: string): string => {
    const bare = value.trim().replace(/^["“”'‘’]+|["“”'‘’]+$/g, '');
    return /[\s"“”'‘’]/.test(bare) ? `"${bare.replace(/["“”]/g, '')}"` : bare;
  };
  const group = options.getSubcommandGroup(false);
  const sub = options.getSubcommand();
  if (group === 'feed') return `feed ${sub} ${quote(options.getString('url', true))}`;
  const parts: string[] = [sub];
  const add = (keyword: string | null, value: string | number | null): void => {
    if (value === null) return;
    if (keyword) parts.push(keyword);
    parts.push(typeof value === 'number' ? String(value) : quote(value));
  };
  switch (sub) {
    case 'subscribe':
      add(null, options.getString('topic'));
      add('mode', options.getString('mode'));
      add('schedule', options.getString('schedule'));
      add('tz', options.getString('tz'));
      add('min-score', options.getNumber('min-score'));
      add('updates', options.getString('updates'));
      add('perspective', options.getString('perspective'));
      break;
    case 'unsubscribe':
      add(null, options.getString('topic'));
      break;
    case 'latest':
      add(null, options.getInteger('count'));
      add('perspective', options.getString('perspective'));
      break;
    case 'search':
      // Typed as free text, like on Slack; a last word "share" is quoted, so it stays a word of the
      // search (on Discord, sharing is the share option).
      parts.push(options.getString('query', true).replace(/(^|\s)(share)\s*$/i, '$1"$2"'));
      break;
    case 'story':
      add(null, options.getString('id', true));
      break;
    case 'why':
      add(null, options.getString('target', true));
      break;
  }
  if (options.get('share')?.value === true) parts.push('share');
  return parts.join(' ');
}

/**
 * Answer one interaction: defer at once (ephemeral: Discord's 3-second limit is met before any
 * work), run the command, then edit the deferred reply, or, for an answer meant for the channel,
 * post it as a follow-up. Stories that do not fit in that message follow in more follow-ups, as
 * visible as the first: only to the user, or to the channel when shared.
 */
export async function handleNewsInteraction(interaction: ChatInputCommandInteraction, deps: CommandDeps, logger: Logger): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { followUps, ephemeral } = await answer(interaction, deps, logger);
  // The answer has gone out: a follow-up that fails is logged, and never replaces it with an error.
  const visibility: Pick<InteractionReplyOptions, 'flags'> = ephemeral ? { flags: MessageFlags.Ephemeral } : {};
  await sendFollowUps(followUps, (message) => interaction.followUp({ ...message, ...visibility }), logger, { channel: interaction.channelId });
}

/** Run the command and post its answer's first message (or say it failed); resolves to the rest. */
async function answer(interaction: ChatInputCommandInteraction, deps: CommandDeps, logger: Logger): Promise<{ followUps: ReplyMessage[]; ephemeral: boolean }> {
  try {
    const reply = await executeCommand(
      commandText(interaction),
      {
        platform: 'discord',
        workspace: interaction.guildId,
        channel: interaction.channelId,
        user: interaction.user.id,
        isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
        adminRule: 'members with the Manage Channels permission',
        timeZone: null,
      },
      deps,
    );
    const [first, ...followUps] = renderDiscordReply(reply);
    if (reply.ephemeral) {
      await interaction.editReply(first);
    } else {
      await interaction.editReply({ content: 'Done: posted to the channel.', allowedMentions: { parse: [] } });
      await interaction.followUp(first);
    }
    return { followUps, ephemeral: reply.ephemeral };
  } catch (error) {
    logger.error({ err: error, channel: interaction.channelId }, 'slash command failed');
    await interaction.editReply({ content: "Sorry, that failed on my side. The error is in the bot's log.", allowedMentions: { parse: [] } });
    return { followUps: [], ephemeral: true };
  }
}

/**
 * Messages one reply may take. A message holds 10 stories, fewer when they are long (6000
 * characters in all), and at worst one: without a cap, `/news latest 20` of stories with dozens of
 * outlets would post 20 messages, to the channel when shared. The first message says what is left out.
 */
const MAX_REPLY_MESSAGES = 10;

/** One message of a command reply: escaped content (≤ 2000 characters) and story embeds; never pings. */
interface ReplyMessage {
  content: string;
  embeds: DiscordPayload['embeds'];
  allowedMentions: { parse: [] };
}

/** Plain lines escaped for Discord, cut to `max` with `note` kept whole as the last line. */
function escapedText(text: string, note: string | null, max: number): string {
  return cutLinesBeforeNote(text, note, max, (line) => escapeDiscordText(line));
}

/**
 * A command reply as Discord messages: the first carries the reply's text and as many story embeds
 * as one message holds (10, 6000 characters); the rest follow in more messages, numbering on.
 */
export function renderDiscordReply(reply: CommandReply): [first: ReplyMessage, ...followUps: ReplyMessage[]] {
  const [first, ...followUps] = reply.stories ? storyMessages(reply.text, reply.stories) : [];
  if (first === undefined) return [{ content: escapedText(reply.text, null, 2000), embeds: [], allowedMentions: { parse: [] } }];
  return [first, ...followUps];
}

/** The reply's text and its stories in as many messages as they take; none without stories. */
function storyMessages(text: string, stories: DigestMessage): ReplyMessage[] {
  const pages = packStories(digestStoryEmbeds(stories), embedFits, MAX_REPLY_MESSAGES);
  const total = stories.stories.length;
  return pages.map((page, index) => {
    // A follow-up says which reply it continues, and which stories it holds.
    const shown = pageText(text, stories.title, pages, index, total);
    return { content: escapedText(shown.text, shown.note, 2000), embeds: page.units, allowedMentions: { parse: [] } };
  });
}
