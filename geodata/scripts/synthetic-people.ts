import type { Person } from './layer-types'
import type { Rng } from './prng'

/**
 * Synthetic grid staff: plausible local names and phone numbers, deterministic from the seed. They are not real
 * people; a county replaces them with its own roster. The numbers are random and may belong to someone, so the UI
 * must mask them (as for all personal data on wall screens).
 */

/** Common surnames in southern Wenzhou, weighted roughly by frequency. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 14], ['林', 9], ['张', 6], ['王', 6], ['吴', 6], ['李', 4], ['周', 4], ['黄', 4], ['郑', 4], ['蔡', 3],
  ['董', 3], ['潘', 3], ['夏', 2], ['毛', 2], ['包', 2], ['胡', 2], ['刘', 2], ['赖', 1], ['翁', 1], ['季', 1],
  ['钟', 1], ['雷', 1], ['蓝', 1],
]

/** In the She (畲族) townships 雷, 蓝 and 钟 — the She surnames — are common. */
const SHE_SURNAMES: readonly (readonly [string, number])[] = [['雷', 8], ['蓝', 8], ['钟', 6]]

const GIVEN = [...'建国华明伟芳丽敏静强军平红海勇杰娟燕玲霞斌涛磊超鹏飞辉波晓春秀英志文德成荣新永乐忠良福宏慧婷琴丹云洁俊锋毅清彬微莉']

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '157', '158', '159',
  '180', '181', '182', '183', '185', '186', '187', '188', '189',
]

export function personName(rng: Rng, sheTownship: boolean): string {
  const surname = weighted(rng, sheTownship ? [...SURNAMES, ...SHE_SURNAMES] : SURNAMES)
  const first = rng.pick(GIVEN)
  if (rng.next() < 0.3) return surname + first
  let second = rng.pick(GIVEN)
  while (second === first) second = rng.pick(GIVEN)
  return surname + first + second
}

export function phoneNumber(rng: Rng): string {
  let digits = ''
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9))
  return rng.pick(PHONE_PREFIXES) + digits
}

/** A head and a worker for one grid: two different people with different numbers, none reused county-wide. */
export function gridStaff(rng: Rng, sheTownship: boolean, usedPhones: Set<string>): { head: Person; worker: Person } {
  const head: Person = { name: personName(rng, sheTownship), phone: freshPhone(rng, usedPhones) }
  let workerName = personName(rng, sheTownship)
  while (workerName === head.name) workerName = personName(rng, sheTownship)
  return { head, worker: { name: workerName, phone: freshPhone(rng, usedPhones) } }
}

function freshPhone(rng: Rng, used: Set<string>): string {
  let p = phoneNumber(rng)
  while (used.has(p)) p = phoneNumber(rng)
  used.add(p)
  return p
}

function weighted(rng: Rng, table: readonly (readonly [string, number])[]): string {
  const total = table.reduce((a, [, w]) => a + w, 0)
  let x = rng.next() * total
  for (const [item, w] of table) {
    x -= w
    if (x < 0) return item
  }
  const last = table[table.length - 1]
  if (!last) throw new Error('empty table')
  return last[0]
}
