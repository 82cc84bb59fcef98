import { validate as validateCron } from 'node-cron';
import { CronExpressionParser } from 'cron-parser';

/** "90s", "2m", "1h30m", "1d" → milliseconds; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return null;
  const unit: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const [, amount, , name] of trimmed.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) total += Number(amount) * (unit[name ?? 'ms'] ?? 1);
  return total;
}

/** The zone's IANA name as written in the database ("asia/tokyo" → "Asia/Tokyo"), so cards can name it (JST). */
export function canonicalTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** True for an IANA time zone the runtime knows ("Asia/Tokyo", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false; // RangeError: the zone is unknown
  }
}

/**
 * A schedule both cron libraries read: node-cron runs the polling schedule, cron-parser finds the
 * digest times. Each accepts forms the other rejects ("0 22-6 * * *", "@midnight"), and a digest
 * schedule cron-parser cannot read would be saved and then never fire.
 */
export function isCronExpression(expression: string): boolean {
  if (!validateCron(expression)) return false;
  try {
    CronExpressionParser.parse(expression);
    return true;
  } catch {
    return false;
  }
}
