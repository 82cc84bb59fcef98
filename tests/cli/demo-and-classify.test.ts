import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('newsbot demo (bundled samples, no network, no tokens)', () => {
  it('shows only relevant stories; the seed event is ONE story with three sources', async () => {
    const result = await runCli(['demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('polled 6 feeds: 54 new items, 0 failed');
    const stories = result.stdout.split('\n\n').filter((block) => /^ *\d+\. /.test(block));
    expect(stories.length).toBeGreaterThanOrEqual(10);
    const seed = stories.filter((block) => /Takaichi/.test(block.split('\n')[0] ?? '') && /alliance/i.test(block) && /Taiwan/.test(block));
    expect(seed).toHaveLength(1);
    // Who is telling it: one perspective line, and each source with its label.
    expect(seed[0]).toContain('3 sources — wire, PH private, TW private · covered from PH and TW');
    for (const [outlet, label] of [['Pacific Wire Service', 'wire'], ['Manila Harbor Times', 'PH private'], ['Strait Daily', 'TW private']]) {
      expect(seed[0]).toMatch(new RegExp(`- ${outlet} \\(${label}\\) · `));
    }
    // The perspective lookup lists only stories with a Chinese state-media report.
    const lookup = result.stdout.slice(result.stdout.indexOf('$ /news latest 5 perspective cn-state'), result.stdout.indexOf('$ /news story'));
    const found = lookup.split('\n\n').filter((block) => /^ *\d+\. /.test(block));
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const block of found) expect(block).toContain('(CN state)');
    expect(result.stdout).toMatch(/\$ \/news story \d+\nStory #\d+: 3 sources — wire, PH private, TW private \(covered from PH and TW\)\.\n(?:.*\n)*?Timeline:\n• .*: Pacific Wire Service \(wire\): Takaichi/);
    // Near misses and unrelated items never show.
    for (const miss of ['fine china', 'Chinatown', 'box office', 'double miles', 'ramen', 'Nikkei, Hang Seng']) {
      expect(result.stdout.toLowerCase()).not.toContain(miss.toLowerCase());
    }
    // A cross-language story: the Chinese and English reports of one coast guard patrol.
    expect(stories.some((block) => /钓鱼岛/.test(block) && /Senkaku/.test(block) && /2 sources/.test(block))).toBe(true);
  });
});

describe('newsbot classify', () => {
  it('reads JSON Lines and writes {id, relevant, score, matched, story}; bad lines are named', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Chinese coast guard ships enter Senkaku waters', summary: 'Tokyo protested.', source: 'Wire A', published: '2026-02-01T00:00:00Z' }),
      JSON.stringify({ id: 'b', title: 'Japan protests Chinese coast guard intrusion near Senkakus', summary: 'Four ships entered territorial waters.', source: 'Wire B', published: '2026-02-01T02:00:00Z' }),
      '{not json',
      JSON.stringify({ id: 'c', title: 'no source or date' }),
      JSON.stringify({ id: 'd', title: 'Recipe: ramen at home', summary: '', source: 'Food', published: '2026-02-01T00:00:00Z' }),
    ].join('\n');
    const result = await runCli(['classify'], {}, input);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: stdin:3: not JSON');
    expect(result.stderr).toMatch(/error: stdin:4: source: .*; published: /);
    const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; relevant: boolean; story: string | null; matched: Record<string, string[]> });
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'd']);
    expect(out[0]!.story).not.toBeNull();
    expect(out[0]!.story).toBe(out[1]!.story);
    expect(out[0]!.matched).toEqual({ china: ['Chinese coast guard', 'Senkaku'], japan: ['Senkaku', 'Tokyo'] });
    expect(out[2]).toMatchObject({ relevant: false, story: null });
  });
});

describe('newsbot subscriptions and digest --preview', () => {
  it('lists subscriptions and previews a digest without posting anything', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-preview-'));
    try {
      const samples = join(process.cwd(), 'config', 'samples');
      writeFileSync(
        join(dir, 'newsbot.yaml'),
        `feeds:\n  - url: ${samples}/pacific-wire.xml\n  - url: ${samples}/strait-daily.xml\nsubscriptions:\n  - { platform: discord, channel: "555", mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo }\n`,
      );
      const env = { NEWSBOT_CONFIG: join(dir, 'newsbot.yaml'), NEWSBOT_DB: join(dir, 'x.db') };
      expect((await runCli(['poll', '--once'], env)).code).toBe(0);
      const list = await runCli(['subscriptions'], env);
      expect(list.stdout).toMatch(/^#1 discord:555 japan-china-taiwan digest "0 8 \* \* \*" Asia\/Tokyo, next \d{4}-\d\d-\d\dT23:00:00\.000Z \[active\] \(config\)$/m);
      // Stories created by that poll are new since the (never sent) last digest: listed, not posted.
      const preview = await runCli(['digest', '--preview'], env);
      expect(preview.code).toBe(0);
      expect(preview.stdout).toContain('subscription #1 → discord:555');
      expect(preview.stdout).toMatch(/^ *1\. Takaichi says US alliance would not survive/m);
      expect(preview.stdout).toMatch(/JST/);
      const again = await runCli(['subscriptions'], env);
      expect(again.stdout).not.toMatch(/, last /); // previewing did not count as sending
      const unknown = await runCli(['digest', '--preview', '--subscription', '9'], env);
      expect(unknown.stdout).toContain('no digest subscription with id 9');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
