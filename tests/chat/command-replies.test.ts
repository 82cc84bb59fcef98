import { describe, expect, it } from 'vitest';
import { renderDiscordReply } from '../../src/chat/discord/commands.js';
import { renderSlackReply } from '../../src/chat/slack/commands.js';
import { digest } from '../helpers/story-cards.js';

// A busy story's reply: a long timeline, then the lines saying why it matched.
const longReply = ['Story #12: 20 sources. Timeline:', ...Array.from({ length: 60 }, (_, i) => `- ${i}:00 Outlet ${i} reports the coast guard incident off the Senkaku Islands`), 'Flagged: score 9.5'].join('\n');

describe('/news replies that do not fit in one message', () => {
  it('Discord: a reply with more stories than one message holds says how many it shows', () => {
    const reply = renderDiscordReply({ ephemeral: true, text: 'Latest 20 stories', stories: digest(20, 0, (i) => ({ summary: `${'Long summary sentence. '.repeat(12)}${i}` })) });
    expect(reply.embeds.length).toBeLessThan(20);
    expect(reply.content).toContain(`Showing ${reply.embeds.length} of 20 stories`);
  });

  it('Slack: the same, counting the story sections it could send', () => {
    const reply = renderSlackReply({ ephemeral: true, text: 'Latest 20 stories', stories: digest(20, 0) });
    const shown = reply.blocks.slice(1).filter((block) => block.type === 'section').length;
    expect(shown).toBeLessThan(20);
    expect(reply.text).toContain(`Showing ${shown} of 20 stories`);
  });

  it('all stories shown: no note', () => {
    expect(renderDiscordReply({ ephemeral: true, text: 'Latest 3 stories', stories: digest(3, 0) }).content).not.toContain('Showing');
    expect(renderSlackReply({ ephemeral: true, text: 'Latest 3 stories', stories: digest(3, 0) }).text).not.toContain('Showing');
  });

  it.each([
    ['Discord', (text: string) => renderDiscordReply({ ephemeral: true, text }).content, 2000],
    ['Slack', (text: string) => renderSlackReply({ ephemeral: true, text }).text, 3000],
  ] as const)('%s: a long text is cut at a line, and says it was shortened', (_platform, render, limit) => {
    const out = render(longReply);
    expect(out.length).toBeLessThanOrEqual(limit);
    expect(out).toMatch(/\n… \(shortened: too long for one message\)$/);
    const [first, ...timeline] = out.split('\n').slice(0, -1);
    expect(first).toMatch(/^Story #12/);
    expect(timeline.length).toBeGreaterThan(10);
    for (const line of timeline) expect(line).toMatch(/Senkaku Islands$/); // whole lines only
  });
});
