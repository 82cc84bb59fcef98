import type { Subscription, SubscriptionSettings } from './types.js';

/** Where a subscription's deliveries count from after it is saved: see Subscription.activeSince. */
export interface SubscriptionStart {
  activeSince: number;
  lastDigestAt: number | null;
}

/**
 * A subscription's deliveries start over when what it asks for changes in kind: a new
 * subscription, a switch between alerts and digests, a digest's new schedule or time zone, or a
 * paused one subscribed again (which resumes it). Starting over means no alert for stories first
 * seen before (a channel switched from digests to alerts is not flooded with the day's stories),
 * and no digest for a scheduled time before (a new schedule does not fire at once for a time
 * already past today). A digest that goes on from an earlier one keeps its window: its next issue
 * still lists everything since that one. Other changes (settle time, minimum score …) start
 * nothing over, so no story waiting to settle is dropped.
 */
export function startAfterSaving(existing: Subscription | null, next: SubscriptionSettings, now: number, resumes: boolean): SubscriptionStart {
  if (!existing || existing.mode !== next.mode) return { activeSince: now, lastDigestAt: null };
  const rescheduled = next.mode === 'digest' && (existing.schedule !== next.schedule || existing.timeZone !== next.timeZone);
  const resumed = resumes && existing.status === 'paused';
  return { activeSince: rescheduled || resumed ? now : existing.activeSince, lastDigestAt: existing.lastDigestAt };
}
