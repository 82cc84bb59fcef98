import type { Logger } from '../log.js';

/**
 * Send the rest of a reply after its first message, one at a time so they arrive in order. The
 * first message has gone out already, so a failure here is logged, never thrown: the command's
 * error reply would otherwise replace or follow a good answer. The first failure ends the reply:
 * later messages would arrive with a gap the user cannot see.
 */
export async function sendFollowUps<Message>(
  messages: readonly Message[],
  send: (message: Message) => Promise<unknown>,
  logger: Logger,
  context: Record<string, unknown>,
): Promise<void> {
  for (const [index, message] of messages.entries()) {
    try {
      await send(message);
    } catch (error) {
      logger.error({ ...context, err: error, followUp: index + 1, notSent: messages.length - index }, 'could not send a follow-up message of a command reply');
      return;
    }
  }
}
