import { createFeedFetcher, isFileInput } from '../feeds/fetcher.js';
import { ingestFeedBody } from '../feeds/ingest.js';
import { FeedError } from '../errors.js';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/**
 * `newsbot parse <file-or-url>...`: normalized items as JSON Lines on stdout; for each input that
 * cannot be read or parsed, `error: <input>: <reason>` on stderr. Returns the exit status.
 */
export async function parseCommand(inputs: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const fetcher = createFeedFetcher();
  let status = 0;
  for (const input of inputs) {
    const url = isFileInput(input) && !input.startsWith('file:') ? pathToFileURL(resolve(input)).toString() : input;
    try {
      const result = await fetcher.fetch(url, {});
      if (result.kind === 'not-modified') continue;
      const items = await ingestFeedBody(result.body, result.contentType, { feedId: url, now: Date.now(), finalUrl: result.finalUrl });
      for (const item of items) out.write(`${JSON.stringify(item)}\n`);
    } catch (error) {
      const reason = error instanceof FeedError ? error.reason : (error as Error).message;
      err.write(`error: ${input}: ${reason}\n`);
      status = 1;
    }
  }
  return status;
}
