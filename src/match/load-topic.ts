import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readYamlFile } from '../config/yaml-file.js';
import { ConfigError } from '../errors.js';
import { formatIssues } from '../config/load.js';
import { topicSchema, type TopicFile } from './topic-schema.js';
import { termKey } from './fold.js';

/** Read and validate a topic file. Errors name the file, the key path and the problem. */
export function loadTopicFile(path: string): TopicFile {
  const raw = readYamlFile(path, 'topic_invalid', 'topic_invalid', 'topic file');
  const parsed = topicSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError('topic_invalid', path, formatIssues(parsed.error.issues));
  const topic = parsed.data;
  const groupIds = new Set(Object.keys(topic.groups));
  const problems = topic.shared.flatMap((entry, index) =>
    entry.groups.filter((group) => !groupIds.has(group)).map((group) => `shared[${index}].groups: unknown group "${group}" (groups are: ${[...groupIds].join(', ')})`),
  );
  problems.push(...unknownPlaces(topic));
  if (problems.length > 0) throw new ConfigError('topic_invalid', path, problems);
  return topic;
}

/** Places must be terms the topic matches (sides, shared places, entities): others are never found. */
function unknownPlaces(topic: TopicFile): string[] {
  const aliases = (terms: Array<string | string[]>): string[] => terms.flatMap((term) => (Array.isArray(term) ? term : [term]).map(termKey));
  const known = new Set([...Object.values(topic.groups).flatMap((group) => aliases(group.terms)), ...topic.shared.flatMap((entry) => aliases(entry.terms)), ...aliases(topic.entities)]);
  return topic.places.flatMap((entry, index) =>
    (Array.isArray(entry) ? entry : [entry]).filter((alias) => !known.has(termKey(alias))).map((alias) => `places[${index}]: "${alias}" is not a term of the groups, shared places or entities`),
  );
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
