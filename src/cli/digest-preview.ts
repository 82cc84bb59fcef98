import type { App } from '../app.js';
import { buildDigestFor } from '../pipeline/delivery-planner.js';
import { renderConsole } from '../chat/console/render.js';

/** `newsbot digest --preview`: each digest subscription's next digest, as text, nothing posted. */
export async function previewDigests(app: App, onlyId: string | undefined): Promise<string> {
  const subscriptions = (await app.store.listSubscriptions()).filter((sub) => sub.mode === 'digest' && (onlyId === undefined || String(sub.id) === onlyId));
  if (subscriptions.length === 0) {
    return onlyId ? `no digest subscription with id ${onlyId} (see \`newsbot subscriptions\`)` : 'no digest subscriptions in the config or the store';
  }
  const parts: string[] = [];
  for (const subscription of subscriptions) {
    const topic = app.topics.find((t) => t.name === subscription.topic);
    if (!topic) {
      parts.push(`#${subscription.id}: topic "${subscription.topic}" is not loaded (add it under topics: in the config)`);
      continue;
    }
    const digest = await buildDigestFor(app.store, subscription, topic, app.outlets, Date.now());
    parts.push(`── subscription #${subscription.id} → ${subscription.platform}:${subscription.channel} (${subscription.schedule}, ${subscription.timeZone})\n${renderConsole(digest)}`);
  }
  return parts.join('\n\n');
}
