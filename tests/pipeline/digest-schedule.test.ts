import { describe, expect, it } from 'vitest';
import { dueDigestSlot } from '../../src/pipeline/delivery-planner.js';

const at = (iso: string): number => Date.parse(iso);

describe('when a digest is due: schedules read on the zone’s wall clock, as cron does', () => {
  it('a daily 08:00 Tokyo digest is due once 08:00 has passed since the last one, not before', () => {
    const last = at('2026-01-27T23:01:00Z'); // 08:01 JST
    expect(dueDigestSlot('0 8 * * *', 'Asia/Tokyo', last, at('2026-01-28T22:59:00Z'))).toBeNull();
    expect(dueDigestSlot('0 8 * * *', 'Asia/Tokyo', last, at('2026-01-28T23:00:30Z'))).not.toBeNull();
  });

  it('the night clocks go back (New York, 1 Nov 2026), the repeated 01:30 makes no second digest', () => {
    const afterFirst = at('2026-11-01T05:31:00Z'); // 01:31 EDT, just after the digest of 01:30 EDT
    expect(dueDigestSlot('30 1 * * *', 'America/New_York', afterFirst, at('2026-11-01T06:31:00Z'))).toBeNull(); // 01:31 EST
    expect(dueDigestSlot('30 1 * * *', 'America/New_York', afterFirst, at('2026-11-02T06:31:00Z'))).not.toBeNull(); // next day
  });

  it('the night clocks go back (London, 25 Oct 2026), a 01:00 digest does not come again at 01:00 GMT', () => {
    const afterOne = at('2026-10-25T00:01:00Z'); // 01:01 BST
    expect(dueDigestSlot('0 1 * * *', 'Europe/London', afterOne, at('2026-10-25T01:01:00Z'))).toBeNull(); // 01:01 GMT
  });

  it('the night clocks go forward (New York, 8 Mar 2026), a 02:30 digest that never happens fires after the jump, not a day later', () => {
    const dayBefore = at('2026-03-07T07:31:00Z'); // 02:31 EST on the 7th
    expect(dueDigestSlot('30 2 * * *', 'America/New_York', dayBefore, at('2026-03-08T06:59:00Z'))).toBeNull(); // 01:59 EST
    expect(dueDigestSlot('30 2 * * *', 'America/New_York', dayBefore, at('2026-03-08T07:01:00Z'))).not.toBeNull(); // 03:01 EDT
  });
});
