// Plain-text tables for the terminal: left-aligned first column, right-aligned figures, a rule under the header.

export function renderTable(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0)
  const cols = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat((cols[i] ?? 0) - width(s))
    return i === 0 ? s + gap : gap + s
  }
  const line = (r: string[]) => header.map((_, i) => pad(r[i] ?? '', i)).join('  ').trimEnd()
  return [line(header), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export const fmt = {
  ms: (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0)),
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  mb: (bytes: number) => (bytes / 1e6 < 100 ? (bytes / 1e6).toFixed(1) : Math.round(bytes / 1e6).toLocaleString('en-US')),
  ratio: (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3)),
  scale: (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n)),
}
