import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CompiledTopic } from '../match/compile.js';
import { classifyBatch, type BatchItem } from '../stories/classify-batch.js';

const inputLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string(),
  summary: z.string().optional(),
  source: z.string().min(1),
  published: z.union([z.string(), z.number()]),
  link: z.string().optional(),
  firstSeen: z.union([z.string(), z.number()]).optional(),
});

/**
 * `newsbot classify`: JSON Lines items in, one verdict per item out:
 * {id, relevant, score, matched, story}. A bad line is reported with its number and skipped.
 */
export function classifyCommand(input: string, inputName: string, topic: CompiledTopic, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const items: BatchItem[] = [];
  let status = 0;
  input.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      err.write(`error: ${inputName}:${index + 1}: not JSON (${(error as Error).message})\n`);
      status = 1;
      return;
    }
    const parsed = inputLine.safeParse(json);
    if (!parsed.success) {
      err.write(`error: ${inputName}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ')}\n`);
      status = 1;
      return;
    }
    const { summary, link, firstSeen, ...rest } = parsed.data;
    items.push({ ...rest, ...(summary !== undefined ? { summary } : {}), ...(link !== undefined ? { link } : {}), ...(firstSeen !== undefined ? { firstSeen } : {}) });
  });
  for (const verdict of classifyBatch(items, topic)) {
    out.write(`${JSON.stringify({ id: verdict.id, relevant: verdict.relevant, score: verdict.score, matched: verdict.matched, story: verdict.story })}\n`);
  }
  return status;
}

export function readInput(file: string | undefined): { text: string; name: string } {
  return file ? { text: readFileSync(file, 'utf8'), name: file } : { text: readFileSync(0, 'utf8'), name: 'stdin' };
}
