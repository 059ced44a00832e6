// Turns metric values into the 0..1 `t` the choropleth ramp reads. By rank, not by value: one township (the
// county seat) has ten times the reports of the next, and a linear scale would paint every other township the
// same colour. Hot colours always mean "look here": for metrics where higher is better the scale is flipped. A
// region with no value (null: the metric's basis is empty there) gets t = null, drawn as no data, and takes no rank.
export function choroplethStates(values: Record<string, number | null>, higherIsBetter: boolean | null): Map<string, number | null> {
  const entries = Object.entries(values)
  const sorted = entries.flatMap(([, v]) => (v === null ? [] : [v])).sort((a, b) => a - b)
  const out = new Map<string, number | null>()
  const n = sorted.length
  for (const [id, v] of entries) {
    if (v === null) { out.set(id, null); continue }
    // Ties share the mean of their ranks, so equal values always get equal colours.
    const first = sorted.indexOf(v)
    const last = sorted.lastIndexOf(v)
    const t = n > 1 && sorted[0] !== sorted[n - 1] ? (first + last) / 2 / (n - 1) : 0
    out.set(id, higherIsBetter === true ? 1 - t : t)
  }
  return out
}
