// Synthetic people and sentences. Nothing here describes a real person or event: names are drawn from common
// local surnames and given-name characters, phone numbers are random (so they may belong to someone: the UI masks
// personal data as for real records), and every free-text field starts with SYNTHETIC_MARK so an export or a
// screenshot can never pass for real casework.
import type { Rng } from './random'
import { Weighted } from './random'

export const SYNTHETIC_MARK = '【模拟数据】'

export const SYNTHETIC_NOTE =
  '本库全部记录均为按种子确定性生成的模拟数据（姓名、电话、地点、时间、描述），不对应真实人员或事件；县里应以自有业务数据替换。' +
  ' All records are synthetic, generated deterministically from the seed; replace them with the county\'s own exports.'

/** Common surnames in southern Wenzhou, weighted roughly by frequency (雷, 蓝, 钟: the She people's). */
const SURNAMES = new Weighted<string>([
  ['陈', 14], ['林', 9], ['张', 6], ['王', 6], ['吴', 6], ['李', 4], ['周', 4], ['黄', 4], ['郑', 4], ['蔡', 3],
  ['董', 3], ['潘', 3], ['夏', 2], ['毛', 2], ['包', 2], ['胡', 2], ['刘', 2], ['赖', 1], ['翁', 1], ['季', 1],
  ['钟', 2], ['雷', 2], ['蓝', 2],
])

const GIVEN = [...'建国华明伟芳丽敏静强军平红海勇杰娟燕玲霞斌涛磊超鹏飞辉波晓春秀英志文德成荣新永乐忠良福宏慧婷琴丹云洁俊锋毅清彬微莉']

const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '157', '158', '159', '180', '181', '182', '183', '185', '186', '187', '188', '189']

export function personName(rng: Rng): string {
  const surname = SURNAMES.draw(rng)
  const first = rng.pick(GIVEN)
  if (rng.chance(0.3)) return surname + first
  return surname + first + rng.pick(GIVEN)
}

export function phoneNumber(rng: Rng): string {
  let digits = rng.pick(PHONE_PREFIXES)
  for (let i = 0; i < 8; i++) digits += String(Math.floor(rng.next() * 10))
  return digits
}

export interface Person {
  readonly name: string
  readonly phone: string
}

export function person(rng: Rng): Person {
  return { name: personName(rng), phone: phoneNumber(rng) }
}

/** A house number or landmark, so descriptions of the same village differ. */
function spot(rng: Rng, urban: boolean): string {
  if (urban) return rng.pick([`${rng.int(1, 260)}号附近`, `${rng.pick(['新华', '建设', '人民', '解放', '文祥', '罗峰', '城东', '城西'])}路${rng.int(1, 180)}号`, '农贸市场旁', '小区门口', '学校周边', '沿街店铺前'])
  return rng.pick([`${rng.int(1, 90)}号附近`, '村口', '村委会旁', '溪边', '山脚', '机耕路边', '文化礼堂附近', `${rng.pick(['上', '下', '后', '前'])}${rng.pick(['垟', '坑', '岭', '山'])}自然村`])
}

const LEADS = {
  patrol: ['网格员巡查发现', '网格员走访发现', '巡查中发现'],
  hotline: ['群众来电反映', '12345热线转来：群众反映'],
  app: ['群众通过浙里办反映', '群众随手拍上报'],
  camera: ['视频监控发现', '非现场执法系统抓拍到'],
  department: ['部门推送：', '上级部门转办：'],
} as const

const TAILS = ['，请及时处置', '，已拍照留存', '，需协调处理', '，请核实处理', '']

export type TextSource = keyof typeof LEADS

/** "【模拟数据】罗阳镇新北社区12号附近：网格员巡查发现占道经营，请及时处置" */
export function incidentDescription(rng: Rng, p: { townshipName: string; villageName: string; urban: boolean; source: TextSource; typeName: string }): string {
  return `${SYNTHETIC_MARK}${p.townshipName}${p.villageName}${spot(rng, p.urban)}：${rng.pick(LEADS[p.source])}${p.typeName}${rng.pick(TAILS)}`
}

/** A dispute summary: who against whom, about what, where. */
export function disputeSummary(rng: Rng, p: { townshipName: string; villageName: string; typeName: string; parties: number }): string {
  const who = p.parties > 2 ? `${p.parties}方当事人` : '双方当事人'
  const ask = rng.pick(['申请调解', '请求村里调处', '矛盾有激化苗头', '多次协商未果', '经网格员排查发现'])
  return `${SYNTHETIC_MARK}${p.townshipName}${p.villageName}${who}因${p.typeName}产生纠纷，${ask}`
}

/** The parties of a dispute as stored: personal data, masked on wall screens. */
export function parties(rng: Rng, count: number): Person[] {
  return Array.from({ length: count }, () => person(rng))
}
