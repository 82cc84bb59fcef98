import type { ChatAdapter } from '../adapter.js';
import type { ChatMessage } from '../../digest/model.js';
import { renderConsole } from './render.js';

/** Plain text on a stream (stdout): the adapter when no chat tokens are set, and for the demo. */
export function createConsoleAdapter(out: NodeJS.WritableStream): ChatAdapter {
  let posted = 0;
  return {
    platform: 'console',
    render: (message: ChatMessage) => [renderConsole(message)],
    async post(_channel, payload) {
      out.write(`${String(payload)}\n\n`);
      return `console-${++posted}`;
    },
    async stop() {
      // nothing to release: the stream belongs to the caller
    },
  };
}
