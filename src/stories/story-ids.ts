/**
 * Story ids for every topic's clusterer in one process. The store keys stories on their id alone,
 * so two topics must never hand out the same one: each clusterer counting on its own from the same
 * start made topic B's first story "1" as well as topic A's.
 *
 * Ids are decimal numbers (the store keeps them as its story sequence too). With replicas sharing a
 * PostgreSQL store, the item processor moves the count past the stored maximum under the
 * clustering lock before each batch (continueAfter), so ids stay unique across processes as well.
 */
export class StoryIdAllocator {
  private nextNumber = 1;

  /** A fresh id, never handed out before by this allocator nor at or below a number passed in. */
  readonly allocate = (): string => String(this.nextNumber++);

  /** Ids continue after `last` (a restart, or stories another replica created meanwhile). */
  continueAfter(last: number): void {
    this.nextNumber = Math.max(this.nextNumber, last + 1);
  }
}
