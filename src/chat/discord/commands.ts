import { cutAtLine, storiesShownNote } from '../cut-lines.js';
import {
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { executeCommand } from '../../commands/execute.js';
import type { CommandDeps } from '../../commands/deps.js';
import type { CommandReply } from '../../commands/types.js';
import type { Logger } from '../../log.js';
import { escapeDiscordText, renderDiscord } from './render.js';

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
 * post it as a follow-up.
 */
export async function handleNewsInteraction(interaction: ChatInputCommandInteraction, deps: CommandDeps, logger: Logger): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
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
    const payload = renderDiscordReply(reply);
    if (reply.ephemeral) {
      await interaction.editReply(payload);
    } else {
      await interaction.editReply({ content: 'Done: posted to the channel.', allowedMentions: { parse: [] } });
      await interaction.followUp(payload);
    }
  } catch (error) {
    logger.error({ err: error, channel: interaction.channelId }, 'slash command failed');
    await interaction.editReply({ content: "Sorry, that failed on my side. The error is in the bot's log.", allowedMentions: { parse: [] } });
  }
}

/** A command reply as Discord content (escaped, ≤ 2000 characters) and story embeds; never pings. */
export function renderDiscordReply(reply: CommandReply): { content: string; embeds: ReturnType<typeof renderDiscord>[number]['embeds']; allowedMentions: { parse: [] } } {
  const embeds = reply.stories && reply.stories.stories.length > 0 ? (renderDiscord(reply.stories)[0]?.embeds ?? []) : [];
  // One embed per story: those past the first message's limits are not shown, and the reply says so.
  const note = reply.stories ? storiesShownNote(embeds.length, reply.stories.stories.length) : null;
  const text = note ? `${reply.text}\n${note}` : reply.text;
  const content = cutAtLine(text.split('\n').map((line) => escapeDiscordText(line)).join('\n'), 2000);
  return { content, embeds, allowedMentions: { parse: [] } };
}

