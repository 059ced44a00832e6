// Names and inspection findings for supervised sites. The names are invented shop and plant names built from
// the place (no real business is meant); findings are the typical ones for each of the five key fields.
import type { SiteCategory } from '../../domain/sites'
import type { Place } from './grid-sampler'
import type { Rng } from './random'
import { SYNTHETIC_MARK } from './synthetic-text'

const WORDS = ['康宁', '仁心', '百姓', '同仁', '济生', '安康', '惠民', '永安', '长春', '华康', '天和', '泰和', '益寿', '福泽', '顺安', '民康']
const FIRMS = ['宏达', '泰峰', '瑞丰', '恒通', '鑫源', '兴泰', '金鹰', '华泰', '龙腾', '东海', '绿源', '万利']

/** Strips 社区/村/居委会 so "新北社区" reads as the place name "新北" inside a shop name. */
function placeWord(p: Place): string {
  return p.villageName.replace(/(社区|居委会|村)$/, '') || p.townshipName.replace(/(畲族)?(镇|乡)$/, '')
}

export function siteName(rng: Rng, category: SiteCategory, p: Place): string {
  const town = p.townshipName.replace(/(畲族)?(镇|乡)$/, '')
  switch (category) {
    case 'vaccine':
      return rng.pick([`${p.townshipName}卫生院预防接种门诊`, `${town}${placeWord(p)}社区卫生服务站接种点`, `${p.townshipName}${rng.pick(['中心', '分'])}卫生院疫苗接种点`])
    case 'drug':
      return `泰顺${rng.pick(WORDS)}${rng.pick(['大药房', '药店', '医药连锁', '药房'])}（${placeWord(p)}店）`
    case 'device':
      return `泰顺县${placeWord(p)}${rng.pick(WORDS)}${rng.pick(['医疗器械经营部', '医疗器械店', '康复用品店', '眼镜店'])}`
    case 'special-equipment':
      return rng.pick([
        `${placeWord(p)}${rng.pick(['花园', '家园', '小区', '大厦'])}${rng.int(1, 9)}号楼电梯`,
        `泰顺${rng.pick(FIRMS)}${rng.pick(['食品厂', '茶叶加工厂', '竹木制品厂', '石材厂'])}锅炉`,
        `${placeWord(p)}${rng.pick(FIRMS)}${rng.pick(['建材', '物流', '竹业'])}起重机械`,
        `泰顺${rng.pick(FIRMS)}${rng.pick(['液化气站', '工业气体站'])}压力容器`,
      ])
    case 'hazchem':
      return rng.pick([
        `中国石化泰顺${placeWord(p)}加油站`,
        `泰顺${rng.pick(FIRMS)}液化气供应站（${placeWord(p)}）`,
        `泰顺县${rng.pick(FIRMS)}化工原料经营部`,
        `${town}${rng.pick(FIRMS)}油漆涂料店`,
      ])
  }
}

const FINDINGS: Record<SiteCategory, readonly string[]> = {
  vaccine: ['冷链温度记录不全', '疫苗出入库登记不规范', '接种信息未及时上传', '冷藏设备未定期校验'],
  drug: ['处方药未凭处方销售', '药品储存温湿度不达标', '过期药品未及时下架', '执业药师不在岗'],
  device: ['医疗器械进货查验记录缺失', '经营备案信息与实际不符', '产品标签说明书不规范'],
  'special-equipment': ['特种设备超期未检验', '作业人员无证上岗', '安全附件失效', '维护保养记录缺失'],
  hazchem: ['危化品储存超量', '安全警示标志缺失', '应急器材配备不足', '出入库台账不全'],
}

export type Finding = 'pass' | 'recheck-pass' | 'special-pass' | 'rectify' | 'penalty'

/** The inspection note, and for findings the warning message derived from it. */
export function inspectionNote(rng: Rng, category: SiteCategory, kind: Finding, simplePenalty: boolean): string {
  const issue = rng.pick(FINDINGS[category])
  switch (kind) {
    case 'pass': return `${SYNTHETIC_MARK}例行检查，未发现问题`
    case 'recheck-pass': return `${SYNTHETIC_MARK}复查：整改到位`
    case 'special-pass': return `${SYNTHETIC_MARK}专项检查，未发现问题`
    case 'rectify': return `${SYNTHETIC_MARK}检查发现${issue}，责令限期整改`
    case 'penalty': return `${SYNTHETIC_MARK}检查发现${issue}，立案处罚（${simplePenalty ? '简易程序' : '一般程序'}）`
  }
}

/** Simple-procedure fines are small (≤ 3,000 yuan for a business); general-procedure ones larger. */
export function penaltyYuan(rng: Rng, simple: boolean): number {
  return simple ? Math.round(rng.between(200, 3000) / 50) * 50 : Math.round(rng.between(5000, 80000) / 500) * 500
}
