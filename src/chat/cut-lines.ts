/**
 * `text` cut to at most `max` characters at a line's end, never inside a line (where an escape, a
 * link or a surrogate pair could be split), with a last line saying it was shortened.
 */
export function cutAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '… (shortened: too long for one message)';
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = note.length;
  for (const line of lines) {
    if (length + line.length + 1 > max) break;
    kept.push(line);
    length += line.length + 1;
  }
  // A first line longer than the message: cut inside it after all, at a character boundary.
  if (kept.length === 0) return `${Array.from(text.slice(0, max - note.length - 1)).slice(0, -1).join('')}\n${note}`;
  return `${kept.join('\n')}\n${note}`;
}

/** The note for a reply whose stories did not all fit in its one message. */
export function storiesShownNote(shown: number, total: number): string | null {
  return shown < total ? `Showing ${shown} of ${total} stories: one message holds no more (ask for ${shown} or fewer to see them whole).` : null;
}
