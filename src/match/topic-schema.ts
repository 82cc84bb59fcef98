import { z } from 'zod';

/** A term: one string, or a list of strings that are one concept written several ways. */
const term = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const terms = z.array(term).min(1);

const weightedTerms = z.strictObject({ weight: z.number(), terms });

/** The topic file format (config/topics/*.yaml). See the comment at the top of the bundled topic. */
export const topicSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name such as "japan-china-taiwan"'),
  description: z.string().optional(),
  weights: z.strictObject({ title: z.number().positive().default(2), summary: z.number().positive().default(1) }).prefault({}),
  caseSensitive: z.array(z.string().min(1)).default([]),
  rule: z
    .strictObject({
      groupWeight: z.number().nonnegative().default(2),
      threshold: z.number().default(5),
      singleGroupContext: z.number().nonnegative().default(4),
    })
    .prefault({}),
  groups: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a group id such as "japan"'), z.strictObject({ label: z.string().min(1), terms }))
    .refine((groups) => Object.keys(groups).length >= 1, 'expected at least one group'),
  entities: z.array(term).default([]),
  shared: z.array(z.strictObject({ groups: z.array(z.string()).min(2), terms })).default([]),
  context: z.array(weightedTerms).default([]),
  topical: z.array(weightedTerms).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  /** Terms that say which side a report is about, not which event: weak evidence for stories. */
  generic: z.array(z.string().min(1)).default([]),
  /**
   * Places where incidents happen, each a term of the groups, shared places or entities (a list is
   * one place: an island group and its islands). Reports naming different ones are different events.
   */
  places: z.array(term).default([]),
});

export type TopicFile = z.infer<typeof topicSchema>;
