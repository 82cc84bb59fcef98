import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbot-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = readEnvironment({});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string, environment = env): ConfigError {
  try {
    loadConfig(path, environment, dir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config loading', () => {
  it('applies defaults, resolves relative feed paths and lets NEWSBOT_DB override storage', () => {
    const path = write('ok.yaml', 'feeds:\n  - url: samples/a.xml\n    name: A\n  - url: https://news.example/rss\n    interval: 15\n');
    const config = loadConfig(path, readEnvironment({ NEWSBOT_DB: 'other/x.db' }), dir);
    expect(config.polling).toMatchObject({ schedule: '*/5 * * * *', concurrency: 32, timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 });
    expect(config.feeds[0]).toEqual({ url: `file://${dir}/samples/a.xml`, name: 'A' });
    expect(config.feeds[1]).toEqual({ url: 'https://news.example/rss', intervalMinutes: 15 });
    expect(config.storage.path).toBe(join(dir, 'other/x.db'));
    expect(config.topics).toEqual(['japan-china-taiwan']);
  });

  it.each([
    ['bad-url.yaml', 'feeds:\n  - url: https://a.example/rss\n  - url: https://b.example/rss\n  - url: https://c.example/rss\n  - url: "ftp://d.example/rss"\n', 'feeds[3].url: expected an http(s) URL or a file path'],
    ['bad-cron.yaml', 'polling:\n  schedule: "every five minutes"\nfeeds:\n  - url: https://a.example/rss\n', 'polling.schedule: expected a cron expression such as "*/5 * * * *"'],
    ['unknown-key.yaml', 'feeds:\n  - url: https://a.example/rss\n    nmae: typo\n', 'feeds[0]: Unrecognized key: "nmae"'],
    ['no-feeds.yaml', 'feeds: []\n', 'feeds: expected at least one feed'],
    ['wrong-type.yaml', 'polling:\n  concurrency: lots\nfeeds:\n  - url: https://a.example/rss\n', 'polling.concurrency: Invalid input: expected number, received string'],
  ])('GIVEN %s THEN the error names the file, key path and expectation', (name, text, problem) => {
    const error = errorOf(write(name, text));
    expect(error.code).toBe('config_invalid');
    expect(error.problems).toContain(problem);
    expect(error.message).toContain(join(dir, name));
  });

  it('reads subscriptions with durations, schedules and time zones, defaulting the zone', () => {
    const path = write(
      'subs.yaml',
      'feeds:\n  - url: https://a.example/rss\ndelivery:\n  timezone: Asia/Tokyo\nsubscriptions:\n  - { platform: slack, channel: C1, mode: alert, settle: 90s, updateEvery: 1h }\n  - { platform: discord, channel: "42", schedule: "0 8,18 * * *", timezone: Asia/Taipei, maxStories: 5 }\n',
    );
    const config = loadConfig(path, env, dir);
    expect(config.subscriptions[0]).toMatchObject({ platform: 'slack', mode: 'alert', settleMs: 90_000, updateEveryMs: 3_600_000, timeZone: 'Asia/Tokyo', topic: 'japan-china-taiwan' });
    expect(config.subscriptions[1]).toMatchObject({ platform: 'discord', mode: 'digest', schedule: '0 8,18 * * *', timeZone: 'Asia/Taipei', maxStories: 5, postEmpty: false });
  });

  it.each([
    ['subscriptions[0].settle: expected a duration such as "2m", "30s" or "1h", got "soon"', '{ platform: slack, channel: C1, mode: alert, settle: soon }'],
    ['subscriptions[0].timezone: expected an IANA time zone such as "Asia/Tokyo" or "UTC"', '{ platform: slack, channel: C1, timezone: Mars/Olympus }'],
    ['subscriptions[0].schedule: expected a cron expression such as "*/5 * * * *"', '{ platform: slack, channel: C1, schedule: "at eight" }'],
    ['subscriptions[0].platform: Invalid option: expected one of "slack"|"discord"|"console"', '{ platform: teams, channel: C1 }'],
    ['subscriptions[0].updates: Invalid option: expected one of "thread"|"channel"|"off"', '{ platform: slack, channel: C1, mode: alert, updates: replies }'],
    ['subscriptions[0].perspective: expected a country code and/or an outlet kind (wire, public, state, private), e.g. "cn-state", "jp-public", "tw" or "wire"', '{ platform: slack, channel: C1, perspective: chinese }'],
  ])('GIVEN a bad subscription THEN "%s"', (problem, subscription) => {
    const error = errorOf(write('bad-sub.yaml', `feeds:\n  - url: https://a.example/rss\nsubscriptions:\n  - ${subscription}\n`));
    expect(error.problems).toContain(problem);
  });

  it('canonicalizes time zones as chat does, and refuses subscriptions that could never work: unknown topic, no channel, the same channel and topic twice', () => {
    const path = write('zones.yaml', 'feeds:\n  - url: https://a.example/rss\ndelivery:\n  timezone: asia/taipei\nsubscriptions:\n  - { platform: slack, channel: C1, timezone: asia/tokyo }\n  - { platform: console }\n');
    const config = loadConfig(path, env, dir);
    expect(config.deliveryTimeZone).toBe('Asia/Taipei');
    expect(config.subscriptions.map((s) => [s.channel, s.timeZone])).toEqual([['C1', 'Asia/Tokyo'], ['console', 'Asia/Taipei']]);

    const error = errorOf(write('impossible-subs.yaml', [
      'feeds:\n  - url: https://a.example/rss',
      'commands:\n  defaultTopic: japan-china-tiawan',
      'subscriptions:',
      '  - { platform: slack, channel: C1, topic: japan-china-tiawan }',
      '  - { platform: discord, channel: "42" }',
      '  - { platform: console, mode: alert }',
      '  - { platform: console, mode: digest }',
    ].join('\n')));
    // (Checks across the whole file run once each entry is valid on its own.)
    expect(errorOf(write('no-channel.yaml', 'feeds:\n  - url: https://a.example/rss\nsubscriptions:\n  - { platform: discord }\n')).problems).toEqual(['subscriptions[0].channel: a discord subscription needs the channel\'s id']);
    expect(error.problems).toEqual([
      'commands.defaultTopic: "japan-china-tiawan" is not one of the topics loaded (topics: japan-china-taiwan)',
      'subscriptions[0].topic: "japan-china-tiawan" is not one of the topics loaded (topics: japan-china-taiwan)',
      'subscriptions[3]: same platform, channel and topic as subscriptions[2]: a channel has one subscription per topic',
    ]);
  });

  it('reads outlet facts: country upper-cased, international wires without one; bad ones are named', () => {
    const path = write('outlets.yaml', [
      'feeds:',
      '  - { url: https://a.example/rss, name: Xinhua, outlet: { country: cn, kind: state } }',
      '  - { url: https://b.example/rss, outlet: { name: Reuters, kind: wire } }',
      '  - { url: https://c.example/rss }',
    ].join('\n'));
    const config = loadConfig(path, env, dir);
    expect(config.feeds[0]).toMatchObject({ name: 'Xinhua', outlet: { country: 'CN', kind: 'state' } });
    expect(config.feeds[1]).toMatchObject({ name: 'Reuters', outlet: { name: 'Reuters', country: null, kind: 'wire' } });
    expect(config.feeds[2]!.outlet).toBeUndefined();

    const error = errorOf(write('bad-outlets.yaml', 'feeds:\n  - { url: https://a.example/rss, outlet: { country: XX, kind: state } }\n  - { url: https://b.example/rss, outlet: { country: JP, kind: tabloid } }\n'));
    expect(error.problems).toContain('feeds[0].outlet.country: expected an ISO 3166-1 alpha-2 country code such as "JP", "CN" or "TW"');
    expect(error.problems).toContain('feeds[1].outlet.kind: expected one of wire, public, state, private');
  });

  it('GIVEN broken YAML THEN the error gives the line', () => {
    const error = errorOf(write('syntax.yaml', 'feeds:\n  - url: https://a.example/rss\n   name: [unclosed\n'));
    expect(error.code).toBe('config_syntax');
    expect(error.message).toMatch(/line \d+/);
  });

  it('GIVEN a missing file THEN it says file not found', () => {
    expect(errorOf(join(dir, 'nope.yaml')).message).toBe(`${join(dir, 'nope.yaml')}: file not found`);
  });

  it('the bundled default and demo configs are valid', () => {
    expect(loadConfig('config/newsbot.yaml', env).feeds.length).toBeGreaterThanOrEqual(8);
    expect(loadConfig('config/demo.yaml', env).feeds.every((f) => f.url.startsWith('file://'))).toBe(true);
  });
});
