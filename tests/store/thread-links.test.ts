import { describe, expect, it } from 'vitest';
import { pickThreadUrls } from '../../src/store/rows.js';

describe('which story threads a digest may link to', () => {
  const rows = [
    { story_id: '1', url: 'https://other.slack.test/archives/C9/p1', workspace: 'T-OTHER', channel: 'C9' },
    { story_id: '1', url: 'https://ours.slack.test/archives/C1/p2', workspace: 'T-OURS', channel: 'C1' },
    { story_id: '2', url: 'https://other.slack.test/archives/C9/p3', workspace: 'T-OTHER', channel: 'C9' },
    { story_id: '3', url: 'https://ops.slack.test/archives/C5/p4', workspace: null, channel: 'C5' },
  ];

  it('links the first thread in the same workspace, never another workspace\'s', () => {
    expect(pickThreadUrls(rows, { workspace: 'T-OURS', channel: 'C7' })).toEqual(new Map([['1', 'https://ours.slack.test/archives/C1/p2']]));
  });

  it('a config subscription without a workspace links the operator\'s own (also workspace-less) threads, or its own channel\'s', () => {
    expect(pickThreadUrls(rows, { workspace: null, channel: 'C7' })).toEqual(new Map([['3', 'https://ops.slack.test/archives/C5/p4']]));
    expect(pickThreadUrls(rows, { workspace: null, channel: 'C9' }).get('2')).toBe('https://other.slack.test/archives/C9/p3');
  });
});
