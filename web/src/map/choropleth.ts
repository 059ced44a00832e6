// Turns metric values into the 0..1 `t` the choropleth ramp reads, so hot colours always mean "look here":
// for metrics where higher is better (closure rate) the scale is flipped.
export function choroplethStates(values: Record<string, number>, higherIsBetter: boolean | null): Map<string, number> {
  const nums = Object.values(values)
  const min = Math.min(...nums, Infinity)
  const max = Math.max(...nums, -Infinity)
  const span = max - min
  const out = new Map<string, number>()
  for (const [id, v] of Object.entries(values)) {
    const t = span > 0 ? (v - min) / span : 0
    out.set(id, higherIsBetter === true ? 1 - t : t)
  }
  return out
}
