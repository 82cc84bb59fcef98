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

/** `cutAtLine` with `note` (when there is one) kept whole as the last line: the text before it gives way. */
function cutBeforeNote(text: string, note: string | null, max: number): string {
  return note === null ? cutAtLine(text, max) : `${cutAtLine(text, max - note.length - 1)}\n${note}`;
}

/** As cutBeforeNote, with every line of text and note first made safe by the platform's `line` (escaping, cleaning). */
export function cutLinesBeforeNote(text: string, note: string | null, max: number, line: (text: string) => string): string {
  const lines = (block: string): string => block.split('\n').map(line).join('\n');
  return cutBeforeNote(lines(text), note === null ? null : lines(note), max);
}
