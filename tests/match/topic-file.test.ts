import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTopicByName, loadTopicFile } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { matchItem } from '../../src/match/matcher.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbot-topics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function topicError(name: string, text: string): ConfigError {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, text);
  try {
    loadTopicFile(path);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('topic files', () => {
  it('a user-written topic in the same format works', () => {
    writeFileSync(
      join(dir, 'korea-japan.yaml'),
      'name: korea-japan\ngroups:\n  korea: {label: Korea, terms: [[South Korea, Seoul, 韓国]]}\n  japan: {label: Japan, terms: [Japan, Tokyo]}\ncontext:\n  - weight: 3\n    terms: [summit]\n',
    );
    const topic = compileTopic(loadTopicByName(dir, 'korea-japan'));
    expect(matchItem(topic, { title: 'Seoul and Tokyo hold summit', summary: '' }).relevant).toBe(true);
    expect(matchItem(topic, { title: 'Seoul weather', summary: '' }).relevant).toBe(false);
  });

  it.each([
    ['no-groups', 'name: x\ngroups: {}\n', 'groups: expected at least one group'],
    ['bad-weight', 'name: x\ngroups:\n  a: {label: A, terms: [a]}\ncontext:\n  - weight: high\n    terms: [b]\n', 'context[0].weight: Invalid input: expected number, received string'],
    ['bad-group', 'name: x\ngroups:\n  a: {label: A, terms: [a]}\nshared:\n  - groups: [a, b]\n    terms: [c]\n', 'shared[0].groups: unknown group "b" (groups are: a)'],
    ['typo', 'name: x\ngroups:\n  a: {label: A, terms: [a]}\nexcludes: [y]\n', '(top level): Unrecognized key: "excludes"'],
    ['empty-term', 'name: x\ngroups:\n  a: {label: A, terms: [""]}\n', 'groups.a.terms[0]: Too small: expected string to have >=1 characters'],
    ['unknown-place', 'name: x\ngroups:\n  a: {label: A, terms: [a, [Kinmen, 金門]]}\nplaces: [金門, Penghu]\n', 'places[1]: "Penghu" is not a term of the groups, shared places or entities'],
  ])('GIVEN %s THEN the error names the file, the key and the problem', (name, text, problem) => {
    const error = topicError(name, text);
    expect(error.code).toBe('topic_invalid');
    expect(error.message).toContain(join(dir, `${name}.yaml`));
    expect(error.problems.join('\n')).toContain(problem);
  });

  it('GIVEN a topic whose name differs from its file THEN it says so', () => {
    writeFileSync(join(dir, 'one.yaml'), 'name: two\ngroups:\n  a: {label: A, terms: [a]}\n');
    expect(() => loadTopicByName(dir, 'one')).toThrow(/name: expected "one" \(the file name\), got "two"/);
  });
});
