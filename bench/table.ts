import type { Row, Target } from './harness.js';

export type Status = 'PASS' | 'MISS' | 'n/a (quick)' | '';

export function status(row: Row, quick: boolean): Status {
  if (!row.target) return '';
  if (quick && row.target.fullSizeOnly) return 'n/a (quick)';
  const ok = row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value;
  return ok ? 'PASS' : 'MISS';
}

const formatNumber = (value: number): string =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 3 }) : String(value);

const formatTarget = (target: Target | undefined, unit: string): string => (target ? `${target.op === '>=' ? '≥' : '≤'} ${formatNumber(target.value)} ${unit}` : '');

/** A plain-text table: section, figure, value, target, PASS/MISS (and a note when there is one). */
export function renderTable(rows: readonly Row[], quick: boolean): string {
  const cells = rows.map((row) => [
    row.section,
    row.label,
    `${formatNumber(row.value)} ${row.unit}`,
    formatTarget(row.target, row.unit),
    status(row, quick),
    row.note ?? '',
  ]);
  const header = ['section', 'figure', 'value', 'target', 'status', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c.map((cell, i) => (i === 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out: string[] = [line(header), rule];
  let previous = '';
  for (const [index, c] of cells.entries()) {
    const section = rows[index]?.section ?? '';
    out.push(line(section === previous ? ['', ...c.slice(1)] : c));
    previous = section;
  }
  return out.join('\n');
}
