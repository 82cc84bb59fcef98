import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { formatIssues } from '../config/load.js';
import { topicSchema, type TopicFile } from './topic-schema.js';

/** Read and validate a topic file. Errors name the file, the key path and the problem. */
export function loadTopicFile(path: string): TopicFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError('topic_invalid', path, [code === 'ENOENT' ? 'topic file not found' : `cannot read (${code})`]);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new ConfigError('topic_invalid', path, document.errors.map((e) => `YAML syntax error at line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  const parsed = topicSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) throw new ConfigError('topic_invalid', path, formatIssues(parsed.error.issues));
  const topic = parsed.data;
  const groupIds = new Set(Object.keys(topic.groups));
  const problems = topic.shared.flatMap((entry, index) =>
    entry.groups.filter((group) => !groupIds.has(group)).map((group) => `shared[${index}].groups: unknown group "${group}" (groups are: ${[...groupIds].join(', ')})`),
  );
  if (problems.length > 0) throw new ConfigError('topic_invalid', path, problems);
  return topic;
}

/** A topic by name (`<name>.yaml`) from the first of the folders that has it. */
export function loadTopicByName(topicsDirs: string | string[], name: string): TopicFile {
  const dirs = Array.isArray(topicsDirs) ? topicsDirs : [topicsDirs];
  const path = dirs.map((dir) => join(dir, `${name}.yaml`)).find((candidate) => existsSync(candidate));
  if (!path) throw new ConfigError('topic_invalid', `${name}.yaml`, [`topic "${name}" not found in ${dirs.join(', ')}`]);
  const topic = loadTopicFile(path);
  if (topic.name !== name) {
    throw new ConfigError('topic_invalid', path, [`name: expected "${name}" (the file name), got "${topic.name}"`]);
  }
  return topic;
}
