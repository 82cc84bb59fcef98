import { z } from 'zod';
import { validate as validateCron } from 'node-cron';

const httpOrFileUrl = z.string().refine((value) => {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return value.length > 0; // a relative file path
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected an http(s) URL or a file path');

const cronExpression = z.string().refine((value) => validateCron(value), 'expected a cron expression such as "*/5 * * * *"');

export const feedSchema = z.strictObject({
  url: httpOrFileUrl,
  name: z.string().min(1).optional(),
  /** Minutes between polls of this feed. */
  interval: z.number().int().min(1).max(24 * 60).optional(),
});

export const configSchema = z.strictObject({
  polling: z
    .strictObject({
      schedule: cronExpression.default('*/5 * * * *'),
      /** Default minutes between polls of a feed that sets no interval of its own. */
      interval: z.number().int().min(1).max(24 * 60).default(5),
      concurrency: z.number().int().min(1).max(256).default(8),
      timeoutSeconds: z.number().positive().max(300).default(15),
      maxBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      maxBackoffHours: z.number().positive().max(168).default(6),
    })
    .prefault({}),
  storage: z.strictObject({ path: z.string().min(1).default('data/newsbot.db') }).prefault({}),
  topics: z.array(z.string().min(1)).min(1).default(['japan-china-taiwan']),
  feeds: z.array(feedSchema).min(1, 'expected at least one feed'),
});

export type NewsbotConfigFile = z.infer<typeof configSchema>;
