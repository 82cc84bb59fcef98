import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCommandText, tokenize, unescapeSlackText } from '../../src/commands/parse.js';

describe('command text parsing (the form both platforms share)', () => {
  it.each([
    ['', { name: 'help' }],
    ['subscribe', { name: 'subscribe' }],
    ['subscribe japan-china-taiwan mode alert min-score 12', { name: 'subscribe', topic: 'japan-china-taiwan', mode: 'alert', minScore: 12 }],
    ['subscribe mode digest schedule "0 8,18 * * *" tz Asia/Tokyo', { name: 'subscribe', mode: 'digest', schedule: '0 8,18 * * *', timeZone: 'Asia/Tokyo' }],
    ['subscribe schedule “0 7 * * 1-5”', { name: 'subscribe', schedule: '0 7 * * 1-5' }],
    ['subscribe schedule ‘0 8 * * *’', { name: 'subscribe', schedule: '0 8 * * *' }],
    ['subscribe schedule ”0 9 * * *”', { name: 'subscribe', schedule: '0 9 * * *' }],
    ['unsubscribe Japan-China-Taiwan', { name: 'unsubscribe', topic: 'japan-china-taiwan' }],
    ['search market "share"', { name: 'search', query: 'market share', share: false }],
    ['search market share', { name: 'search', query: 'market', share: true }],
    ['latest', { name: 'latest', count: 5, share: false }],
    ['latest 12 share', { name: 'latest', count: 12, share: true }],
    ['latest perspective CN-State', { name: 'latest', count: 5, share: false, perspective: 'cn-state' }],
    ['latest 3 perspective wire share', { name: 'latest', count: 3, share: true, perspective: 'wire' }],
    ['subscribe mode alert updates channel', { name: 'subscribe', mode: 'alert', updates: 'channel' }],
    ['subscribe mode digest perspective jp-public', { name: 'subscribe', mode: 'digest', perspective: 'jp-public' }],
    ['subscribe perspective all', { name: 'subscribe', perspective: null }],
    ['search "coast guard" senkaku -drill', { name: 'search', query: '"coast guard" senkaku -drill', share: false }],
    ['story #42', { name: 'story', id: '42', share: false }],
    ['why <https://news.example/a?b=1|news.example/a>', { name: 'why', target: 'https://news.example/a?b=1', share: false }],
    ['feed add https://news.example/rss.xml', { name: 'feed-add', url: 'https://news.example/rss.xml' }],
    ['feed remove <https://news.example/rss.xml>', { name: 'feed-remove', url: 'https://news.example/rss.xml' }],
    ['PAUSE', { name: 'pause' }],
    ['subscribe mode Alert updates Thread', { name: 'subscribe', mode: 'alert', updates: 'thread' }],
    ['subscribe min-score off', { name: 'subscribe', minScore: null }],
    ['list share', { name: 'list', share: true }],
    ['list', { name: 'list', share: false }],
    ['search senkaku -“coast guard” -\'air force\' -drill', { name: 'search', query: 'senkaku -"coast guard" -"air force" -drill', share: false }],
    ['search “coast guard” “senkaku”', { name: 'search', query: '"coast guard" senkaku', share: false }],
  ])('%j', (text, command) => {
    expect(parseCommandText(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['subscribe mode weekly', /mode must be "alert" or "digest", not "weekly"\.\nExample: /],
    ['subscribe tz', /"tz" needs a value/],
    ['subscribe min-score ""', /min-score must be a number \(or "off"\), not ""/],
    ['subscribe sometimes never', /Unknown option "never"/],
    ['latest 0', /"0" is not a number of stories from 1 to 20/],
    ['latest perspective cn-official', /perspective must be a country code and\/or an outlet kind \(wire, public, state, private\).*not "cn-official"\.\nExample: \/news latest 5 perspective cn-state/],
    ['latest perspective', /perspective must be .*not ""/],
    ['subscribe updates sometimes', /updates must be "thread", "channel" or "off", not "sometimes"/],
    ['story abc', /"abc" is not a story number\.\nExample: \/news story 42/],
    ['feed add ftp://x.example/rss', /"ftp:\/\/x\.example\/rss" is not an http\(s\) URL/],
    ['feed delete https://x.example', /feed needs "add" or "remove"/],
    ['frobnicate', /^Unknown command "frobnicate"\. Try \/news help\.$/],
  ])('%j is refused with a specific message and an example', (text, message) => {
    const result = parseCommandText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('reads text as Slack sends it: &, < and > escaped by Slack are what the user typed', () => {
    expect(parseCommandText(unescapeSlackText('why <https://news.example/read.php?id=7&amp;page=2>'))).toEqual({ ok: true, command: { name: 'why', target: 'https://news.example/read.php?id=7&page=2', share: false } });
    expect(parseCommandText(unescapeSlackText('search AT&amp;T &lt;b&gt;'))).toEqual({ ok: true, command: { name: 'search', query: 'AT&T <b>', share: false } });
    // Escapes are undone once: a user who typed "&amp;" (Slack sends &amp;amp;) keeps it.
    expect(unescapeSlackText('&amp;amp;')).toBe('&amp;');
  });

  it('tokenizes like a shell, with straight or curly quotes', () => {
    expect(tokenize('a "b c" “d e” \'f g\' h ‘i j’ ”k l” China\'s')).toEqual(['a', 'b c', 'd e', 'f g', 'h', 'i j', 'k l', "China's"]);
  });
});

describe('Slack app manifest', () => {
  it('declares /news, the scopes the bot uses, and the events that pause subscriptions', () => {
    const manifest = parseYaml(readFileSync('config/slack-manifest.yaml', 'utf8')) as {
      features: { slash_commands: Array<{ command: string }> };
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[] } };
    };
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/news']);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'commands', 'users:read']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['channel_left', 'channel_deleted', 'app_uninstalled']));
  });
});
