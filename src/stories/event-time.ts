/**
 * Reports this much older than when first seen, after a feed's first poll, carry a date we do not
 * trust. A few days is plausible (an outlet adding yesterday's piece late): such an item keeps its
 * date, so it is never alerted as news past the alert age; a date a week or more off is a lie.
 */
export const IMPLAUSIBLE_AGE_MS = 7 * 24 * 3_600_000;

export interface TimedItem {
  published: number;
  publishedEstimated: boolean;
  firstSeen: number;
}

/**
 * The time clustering puts a report at. Dates lie (one seed page carries a stray 2024 date beside
 * its 2026 dateline), so a new item whose date is far older than when we first saw it is placed at
 * its first-seen time. A feed's first poll is a backlog of genuinely older items: their dates stand.
 */
export function eventTime(item: TimedItem, backlog: boolean): number {
  if (item.publishedEstimated) return item.firstSeen;
  if (!backlog && item.firstSeen - item.published > IMPLAUSIBLE_AGE_MS) return item.firstSeen;
  return item.published;
}
