import { Client, Events, GatewayIntentBits, Routes, type REST } from 'discord.js';
import type { CommandDeps } from '../../commands/deps.js';
import type { Logger } from '../../log.js';
import { handleNewsInteraction, newsCommandDefinition } from './commands.js';

export interface DiscordGatewayOptions {
  token: string;
  applicationId: string;
  /** Register commands in this guild only (instant, for development); globally otherwise. */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  rest: REST;
  deps: CommandDeps;
  logger: Logger;
}

/**
 * The gateway connection: registers `/news` at start-up and answers its interactions; pauses a
 * channel's subscriptions when the channel is deleted, and a guild's when the bot leaves it.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding
 */
export async function startDiscordGateway(options: DiscordGatewayOptions): Promise<Client> {
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  await options.rest.put(route, { body: [newsCommandDefinition()] });

  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}) });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand() || interaction.commandName !== 'news') return;
    handleNewsInteraction(interaction, options.deps, options.logger).catch((error: unknown) =>
      options.logger.error({ err: error }, 'could not answer a Discord interaction'),
    );
  });
  const pause = (where: { channel?: string; workspace?: string }, reason: string): void => {
    options.deps.store.pauseSubscriptionsWhere({ platform: 'discord', ...where }, reason).catch((error: unknown) => options.logger.error({ err: error }, 'could not pause subscriptions'));
  };
  // Raw gateway events, not channelDelete/guildDelete: those fire only for channels and guilds in
  // discord.js's cache, and this bot keeps no cache it does not need.
  client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; unavailable?: boolean } }) => {
    if (packet.t === 'CHANNEL_DELETE' && packet.d?.id) pause({ channel: packet.d.id }, 'the channel was deleted');
    // A guild that is only unavailable (an outage) comes back: its subscriptions stay.
    if (packet.t === 'GUILD_DELETE' && packet.d?.id && packet.d.unavailable !== true) pause({ workspace: packet.d.id }, 'the bot was removed from the server');
  });
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'Discord gateway error'));
  await client.login(options.token);
  options.logger.info({ guild: options.guildId ?? 'global' }, 'Discord gateway connected; /news registered');
  return client;
}
