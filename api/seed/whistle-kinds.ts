// What a township blows the whistle for, and to whom (the kinds themselves are domain/whistle.ts's). The
// article counts two kinds for 南浦溪镇 (联合执法 on illegal building; 民生事项 handled by stationed departments);
// safety and environment calls are the other common cross-department matters.
import type { DepartmentId } from '../../domain/departments'
import { STATIONED_DOMAINS } from '../../domain/departments'
import type { WhistleKind } from '../../domain/whistle'

type Reason = readonly [department: DepartmentId, ask: string, weight: number, illegalBuilding?: true]

/** [department, what the township asks it for, relative frequency, about illegal building?] per kind. */
export const WHISTLE_REASONS: Record<WhistleKind, readonly Reason[]> = {
  'joint-enforcement': [
    ['enforcement', '违法建筑拆除，需联合执法', 5, true],
    ['natural-resources', '违法占地建房，需联合查处', 3, true],
    ['housing', '农房违规加层、未按图施工，需联合整改', 1.5, true],
    ['enforcement', '占道经营集中整治，需执法力量支援', 1],
  ],
  livelihood: [
    ['justice', '困难群众申请司法救助', 3],
    ['market', '群众举报假冒商品，需查处', 3],
    ['housing', '农村危房改造，需技术指导', 2],
    ['natural-resources', '宅基地审批，需现场踏勘', 2],
    ['enforcement', '噪声扰民投诉，需执法处置', 1],
    ['human-resources', '农民工欠薪，需协调追讨', 2],
    ['civil-affairs', '困难家庭临时救助', 1.5],
    ['health', '村卫生室服务投诉', 0.8],
  ],
  safety: [
    ['emergency', '企业安全生产隐患，需联合检查', 3],
    ['fire', '"三合一"场所消防隐患，需联合整治', 2.5],
    ['market', '特种设备隐患，需检验处置', 1.5],
    ['transport', '农村公路桥梁隐患，需评估处置', 1.5],
    ['water', '山塘水库险情，需技术支援', 1],
  ],
  environment: [
    ['ecology', '企业偷排漏排，需取证查处', 3],
    ['water', '河道"四乱"问题，需联合清理', 2],
    ['agriculture', '畜禽养殖污染，需联合整治', 2],
    ['natural-resources', '松材线虫病枯死木，需清理', 1.5],
  ],
  other: [
    ['culture-tourism', '文化礼堂活动，需场地与安全指导', 1],
    ['education', '校园周边交通秩序，需部门协同', 1],
    ['transport', '农村客运班线调整诉求', 1],
  ],
}

const STATIONED: ReadonlySet<DepartmentId> = new Set(STATIONED_DOMAINS.map((d) => d.department))

/** The reasons of a kind, optionally only those answered by a stationed department (派驻部门) or about illegal building. */
export function reasonsFor(kind: WhistleKind, only: { stationed?: boolean; illegalBuilding?: boolean }): readonly Reason[] {
  return WHISTLE_REASONS[kind].filter(([department, , , building]) =>
    (!only.stationed || STATIONED.has(department)) && (!only.illegalBuilding || building === true))
}
