// The Poisson tail a spike is judged by: how likely `k` or more reports are when `lambda` are expected. Computed
// upward from k when the tail is small (1 − CDF would lose every digit of a p of 1e-12 to cancellation), and as
// 1 − CDF when it is large.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  const z = x - 1
  let a = c[0]!
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

const logPmf = (i: number, lambda: number) => -lambda + i * Math.log(lambda) - logGamma(i + 1)

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isFinite(k) || !Number.isFinite(lambda) || lambda < 0) throw new RangeError(`poissonUpperTail(${k}, ${lambda})`)
  if (k <= 0) return 1
  if (lambda === 0) return 0
  const kk = Math.ceil(k)
  if (kk <= lambda) {
    let below = 0
    for (let i = 0; i < kk; i++) below += Math.exp(logPmf(i, lambda))
    return Math.max(0, 1 - below)
  }
  // Past the mode the terms fall: sum until they no longer change the sum.
  let sum = 0
  for (let i = kk; ; i++) {
    const term = Math.exp(logPmf(i, lambda))
    sum += term
    if (term <= sum * 1e-17 || term === 0) break
  }
  return Math.min(1, sum)
}
