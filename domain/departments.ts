// The 17 county departments that hold items on the 属地管理 list. The article names 市场监管, 综合执法,
// 应急管理 and 公共卫生 among them; the rest are our plausible choice for a Zhejiang county after the
// 2019 institutional reform (forestry sits inside 自然资源和规划局 there, so 消防救援大队 takes the 17th
// place: fire safety is among the most common duties pushed onto townships).
import type { Label, Labelled } from './label'
import { labelled } from './label'

export const DEPARTMENT_IDS = [
  'enforcement',
  'market',
  'emergency',
  'health',
  'natural-resources',
  'housing',
  'justice',
  'public-security',
  'ecology',
  'agriculture',
  'water',
  'transport',
  'civil-affairs',
  'education',
  'human-resources',
  'culture-tourism',
  'fire',
] as const
export type DepartmentId = (typeof DEPARTMENT_IDS)[number]

/** `name` is the full name for panels; `shortName` fits map arcs and chart axes. */
export type Department = Labelled<DepartmentId> & { readonly shortName: string; readonly shortNameEn: string }

const TABLE: Record<DepartmentId, Label & { shortName: string; shortNameEn: string }> = {
  enforcement: { name: '县综合行政执法局', nameEn: 'County Comprehensive Administrative Enforcement Bureau', shortName: '综合执法', shortNameEn: 'Enforcement' },
  market: { name: '县市场监督管理局', nameEn: 'County Market Supervision Administration', shortName: '市场监管', shortNameEn: 'Market' },
  emergency: { name: '县应急管理局', nameEn: 'County Emergency Management Bureau', shortName: '应急管理', shortNameEn: 'Emergency' },
  health: { name: '县卫生健康局', nameEn: 'County Health Bureau', shortName: '卫生健康', shortNameEn: 'Health' },
  'natural-resources': { name: '县自然资源和规划局', nameEn: 'County Natural Resources and Planning Bureau', shortName: '自然资源', shortNameEn: 'Natural resources' },
  housing: { name: '县住房和城乡建设局', nameEn: 'County Housing and Urban-Rural Development Bureau', shortName: '住建', shortNameEn: 'Housing' },
  justice: { name: '县司法局', nameEn: 'County Justice Bureau', shortName: '司法', shortNameEn: 'Justice' },
  'public-security': { name: '县公安局', nameEn: 'County Public Security Bureau', shortName: '公安', shortNameEn: 'Police' },
  ecology: { name: '市生态环境局泰顺分局', nameEn: 'Taishun Branch, Wenzhou Ecology and Environment Bureau', shortName: '生态环境', shortNameEn: 'Ecology' },
  agriculture: { name: '县农业农村局', nameEn: 'County Agriculture and Rural Affairs Bureau', shortName: '农业农村', shortNameEn: 'Agriculture' },
  water: { name: '县水利局', nameEn: 'County Water Resources Bureau', shortName: '水利', shortNameEn: 'Water' },
  transport: { name: '县交通运输局', nameEn: 'County Transport Bureau', shortName: '交通运输', shortNameEn: 'Transport' },
  'civil-affairs': { name: '县民政局', nameEn: 'County Civil Affairs Bureau', shortName: '民政', shortNameEn: 'Civil affairs' },
  education: { name: '县教育局', nameEn: 'County Education Bureau', shortName: '教育', shortNameEn: 'Education' },
  'human-resources': { name: '县人力资源和社会保障局', nameEn: 'County Human Resources and Social Security Bureau', shortName: '人力社保', shortNameEn: 'Human resources' },
  'culture-tourism': { name: '县文化和广电旅游体育局', nameEn: 'County Culture, Radio, TV, Tourism and Sports Bureau', shortName: '文广旅体', shortNameEn: 'Culture & tourism' },
  fire: { name: '县消防救援大队', nameEn: 'County Fire and Rescue Brigade', shortName: '消防救援', shortNameEn: 'Fire & rescue' },
}

export const DEPARTMENTS: readonly Department[] = labelled(DEPARTMENT_IDS, TABLE)

export function getDepartment(id: DepartmentId): Department {
  return { id, ...TABLE[id] }
}

/**
 * The five stationed domains (派驻领域) whose 287 staff work inside the townships under the
 * townships' "four powers"; each is one department's township-level station.
 */
export const STATIONED_DOMAIN_IDS = ['justice', 'natural-resources', 'market', 'housing', 'enforcement'] as const
export type StationedDomainId = (typeof STATIONED_DOMAIN_IDS)[number]

export type StationedDomain = Labelled<StationedDomainId> & { readonly department: DepartmentId }

const STATIONED_TABLE: Record<StationedDomainId, Label & { department: DepartmentId }> = {
  justice: { name: '司法', nameEn: 'Justice', department: 'justice' },
  'natural-resources': { name: '自然资源和规划', nameEn: 'Natural resources and planning', department: 'natural-resources' },
  market: { name: '市场监管', nameEn: 'Market supervision', department: 'market' },
  housing: { name: '住建', nameEn: 'Housing and construction', department: 'housing' },
  enforcement: { name: '综合行政执法', nameEn: 'Comprehensive administrative enforcement', department: 'enforcement' },
}

export const STATIONED_DOMAINS: readonly StationedDomain[] = labelled(STATIONED_DOMAIN_IDS, STATIONED_TABLE)
