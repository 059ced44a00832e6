// The grid service catalogue: the incident types a grid worker, hotline or camera can report.
// Routing is declared once: an on-list type names its 属地管理 list item, and its module and lead
// department are read from that item, so the two can never disagree. Off-list types (清单外) are
// matters departments used to push onto townships (most among the 81 struck out); they name their
// department and module themselves, and the township returns them (退回) instead of handling them.
import type { DepartmentId } from './departments'
import type { Label, Labelled } from './label'
import { labelled } from './label'
import type { ListItemId } from './list-items'
import { getListItem } from './list-items'
import type { ModuleId } from './modules'

export const CATEGORY_IDS = [
  'enforcement',
  'social-order',
  'market',
  'service',
  'safety',
  'environment',
  'urban-rural',
  'party',
] as const
export type CategoryId = (typeof CATEGORY_IDS)[number]

const CATEGORY_TABLE: Record<CategoryId, Label> = {
  enforcement: { name: '综合执法', nameEn: 'Enforcement' },
  'social-order': { name: '综治工作', nameEn: 'Social order' },
  market: { name: '市场监管', nameEn: 'Market supervision' },
  service: { name: '便民服务', nameEn: 'Public services' },
  safety: { name: '安全生产', nameEn: 'Safety' },
  environment: { name: '生态环境', nameEn: 'Environment' },
  'urban-rural': { name: '城乡管理', nameEn: 'Urban-rural management' },
  party: { name: '党建', nameEn: 'Party building' },
}

export const CATEGORIES: readonly Labelled<CategoryId>[] = labelled(CATEGORY_IDS, CATEGORY_TABLE)

type OnListRow = readonly [id: string, category: CategoryId, listItem: ListItemId, name: string, nameEn: string]
type OffListRow = readonly [id: string, category: CategoryId, listItem: null, name: string, nameEn: string, department: DepartmentId, module: ModuleId]

const ROWS = [
  // 综合执法
  ['illegal-building', 'enforcement', 'L01', '违法建筑', 'Illegal building'],
  ['road-occupation', 'enforcement', 'L03', '占道经营', 'Street vending on the road'],
  ['muck-truck', 'enforcement', 'L08', '渣土车抛洒滴漏', 'Muck truck spilling load'],
  ['illegal-land-use', 'enforcement', 'L29', '违法占地', 'Illegal land occupation'],
  ['illegal-mining', 'enforcement', 'L30', '非法采矿采砂', 'Illegal mining or sand dredging'],
  ['illegal-logging', 'enforcement', 'L35', '乱砍滥伐', 'Illegal logging'],
  ['illegal-medical', 'enforcement', 'L27', '非法行医', 'Illegal medical practice'],
  ['road-control-zone', 'enforcement', 'L68', '公路控制区违建', 'Building in a road control zone'],
  // 城乡管理
  ['illegal-stacking', 'urban-rural', 'L04', '乱堆乱放', 'Stray stacking'],
  ['outdoor-ad-hazard', 'urban-rural', 'L05', '广告牌安全隐患', 'Unsafe advertising sign'],
  ['waste-sorting', 'urban-rural', 'L09', '垃圾分类不规范', 'Waste not sorted'],
  ['farmland-conversion', 'urban-rural', 'L34', '耕地"非农化"', 'Farmland turned to non-farm use'],
  ['homestead', 'urban-rural', 'L56', '宅基地违规使用', 'Homestead misuse'],
  ['abandoned-farmland', 'urban-rural', 'L58', '耕地抛荒', 'Abandoned farmland'],
  ['village-environment', 'urban-rural', 'L59', '人居环境脏乱差', 'Dirty, messy village surroundings'],
  ['rural-road', 'urban-rural', 'L65', '农村公路损坏', 'Damaged rural road'],
  ['water-facility', 'urban-rural', 'L62', '水利设施损坏', 'Damaged water works'],
  ['rural-house-building', 'urban-rural', 'L37', '农房未按图施工', 'Rural house not built to approved plan'],
  ['vector-breeding', 'urban-rural', 'L26', '病媒孳生', 'Breeding ground for pests'],
  // 生态环境
  ['open-burning', 'environment', 'L06', '露天焚烧', 'Open burning'],
  ['cooking-fumes', 'environment', 'L07', '餐饮油烟扰民', 'Restaurant fumes nuisance'],
  ['pollution', 'environment', 'L49', '环境污染', 'Pollution'],
  ['livestock-pollution', 'environment', 'L50', '畜禽养殖污染', 'Livestock farm pollution'],
  ['illegal-discharge', 'environment', 'L51', '偷排漏排', 'Illegal discharge into a river'],
  ['water-source-risk', 'environment', 'L52', '水源地污染风险', 'Risk to a drinking-water source'],
  ['odour-noise', 'environment', 'L53', '企业异味噪声', 'Factory odour or noise'],
  ['river-disorder', 'environment', 'L60', '河湖"四乱"', 'River encroachment or dumping'],
  ['rural-sewage', 'environment', 'L57', '农村污水设施故障', 'Rural sewage facility fault'],
  ['pine-wilt', 'environment', 'L33', '松材线虫病枯死木', 'Pine-wilt dead tree'],
  // 市场监管
  ['food-safety', 'market', 'L10', '食品安全隐患', 'Food safety hazard'],
  ['unlicensed-business', 'market', 'L11', '无证无照经营', 'Unlicensed business'],
  ['rural-banquet', 'market', 'L12', '农村家宴未报备', 'Unregistered rural banquet'],
  ['special-equipment', 'market', 'L13', '特种设备隐患', 'Special equipment hazard'],
  ['drug-device', 'market', 'L14', '药品医疗器械问题', 'Drug or medical device problem'],
  ['counterfeit-goods', 'market', 'L15', '假冒伪劣商品', 'Counterfeit goods'],
  ['price-violation', 'market', 'L16', '价格违法', 'Illegal pricing'],
  // 安全生产
  ['workplace-hazard', 'safety', 'L17', '企业安全生产隐患', 'Work-safety hazard in an enterprise'],
  ['hazchem-storage', 'safety', 'L18', '危化品违规存放', 'Hazardous chemicals stored unsafely'],
  ['flood-evacuation', 'safety', 'L19', '防汛防台人员转移', 'Flood or typhoon evacuation'],
  ['illegal-fireworks', 'safety', 'L20', '非法经营烟花爆竹', 'Illegal fireworks trade'],
  ['three-in-one', 'safety', 'L21', '"三合一"场所', 'Living, production and storage under one roof'],
  ['geohazard', 'safety', 'L31', '地质灾害隐患', 'Geological hazard'],
  ['forest-fire-risk', 'safety', 'L32', '野外违规用火', 'Illegal open fire in forest'],
  ['dilapidated-house', 'safety', 'L36', '农村危房', 'Dilapidated rural house'],
  ['gas-safety', 'safety', 'L38', '燃气安全隐患', 'Gas safety hazard'],
  ['construction-safety', 'safety', 'L39', '工地安全隐患', 'Construction site hazard'],
  ['reservoir-safety', 'safety', 'L61', '山塘水库隐患', 'Pond or reservoir hazard'],
  ['road-bridge-hazard', 'safety', 'L66', '公路桥梁隐患', 'Road or bridge hazard'],
  ['small-venue-fire', 'safety', 'L81', '"九小场所"消防隐患', 'Fire hazard in small premises'],
  ['ebike-charging', 'safety', 'L82', '电动车违规充电', 'E-bike charged unsafely'],
  ['homestay-safety', 'safety', 'L80', '民宿安全隐患', 'Homestay safety hazard'],
  ['animal-epidemic', 'safety', 'L54', '动物疫情', 'Animal disease outbreak'],
  ['epidemic-clue', 'safety', 'L24', '传染病疫情线索', 'Infectious disease lead'],
  // 综治工作
  ['neighbour-conflict', 'social-order', 'L42', '邻里矛盾苗头', 'Early sign of a neighbour conflict'],
  ['community-correction', 'social-order', 'L43', '社区矫正对象异常', 'Person under community correction off track'],
  ['floating-population', 'social-order', 'L45', '流动人口未登记', 'Unregistered migrant resident'],
  ['rental-housing', 'social-order', 'L46', '出租房屋隐患', 'Rented housing hazard'],
  ['key-person', 'social-order', 'L47', '重点人员动态', 'Key person on the move'],
  ['wage-arrears', 'social-order', 'L75', '欠薪', 'Unpaid wages'],
  ['illegal-taxi', 'social-order', 'L67', '"黑车"非法营运', 'Unlicensed taxi'],
  ['estate-dispute', 'social-order', 'L40', '物业矛盾', 'Residential estate dispute'],
  ['school-surroundings', 'social-order', 'L73', '校园周边安全', 'Safety around a school'],
  ['traffic-risk', 'social-order', 'L48', '农村交通安全隐患', 'Rural road safety risk'],
  // 便民服务
  ['hardship-relief', 'service', 'L70', '困难群众救助', 'Resident in hardship needs relief'],
  ['elderly-alone', 'service', 'L71', '独居老人关爱', 'Elderly person living alone needs a visit'],
  ['drinking-water', 'service', 'L63', '农村饮水问题', 'Rural drinking-water problem'],
  ['job-help', 'service', 'L76', '就业帮扶', 'Help finding work'],
  ['legal-aid', 'service', 'L44', '法律援助需求', 'Legal aid request'],
  ['school-dropout', 'service', 'L74', '学生辍学', 'Pupil dropped out'],
  ['shelter-issue', 'service', 'L23', '避灾安置点问题', 'Disaster shelter problem'],
  // 党建
  ['village-affairs', 'party', 'L69', '村务公开问题', 'Village affairs not made public'],
  ['culture-hall', 'party', 'L78', '文化礼堂活动', 'Village cultural hall activity'],
  ['lavish-ceremony', 'party', 'L72', '婚丧大操大办', 'Lavish wedding or funeral'],
  // 清单外: pushed by departments, not the township's job
  ['license-site-check', 'safety', null, '企业安全许可现场核查', 'On-site check for a work-safety permit', 'emergency', 'safety'],
  ['penalty-evidence', 'enforcement', null, '行政处罚案件调查取证', 'Evidence gathering for a penalty case', 'enforcement', 'enforcement'],
  ['pharmacy-license-check', 'market', null, '药店许可现场核查', 'On-site check for a pharmacy licence', 'market', 'safety'],
  ['construction-quality-test', 'safety', null, '建设工程质量检测', 'Construction quality testing', 'housing', 'safety'],
  ['eia-site-check', 'environment', null, '环评现场核查', 'On-site environmental impact check', 'ecology', 'management'],
  ['vehicle-permit-check', 'social-order', null, '营运车辆证照检查', 'Checking commercial vehicle permits', 'transport', 'safety'],
  ['insurance-arrears', 'service', null, '社保欠费追缴', 'Collecting social insurance arrears', 'human-resources', 'service'],
  ['school-bus-permit', 'safety', null, '校车使用许可核查', 'Checking a school bus permit', 'education', 'safety'],
  ['water-permit-check', 'environment', null, '取水许可核查', 'Checking a water abstraction permit', 'water', 'management'],
  ['clinic-licence-check', 'service', null, '医疗机构执业校验', 'Checking a clinic\'s practice licence', 'health', 'service'],
] as const satisfies readonly (OnListRow | OffListRow)[]

export type IncidentTypeId = (typeof ROWS)[number][0]

export type IncidentType = Labelled<IncidentTypeId> & {
  readonly category: CategoryId
  readonly module: ModuleId
  /** Lead department: the list item's, or for off-list types the department that pushed it. */
  readonly department: DepartmentId
  readonly listItem: ListItemId | null
  /** True iff `listItem` is not null. */
  readonly onList: boolean
}

function toType(row: OnListRow | OffListRow): IncidentType {
  const [id, category, , name, nameEn] = row
  const base = { id: id as IncidentTypeId, name, nameEn, category }
  if (row[2] === null) return { ...base, department: row[5], module: row[6], listItem: null, onList: false }
  const item = getListItem(row[2])
  if (!item) throw new Error(`incident type ${id} names unknown list item ${row[2]}`)
  return { ...base, department: item.department, module: item.module, listItem: item.id, onList: true }
}

export const INCIDENT_TYPES: readonly IncidentType[] = ROWS.map(toType)

export const INCIDENT_TYPE_IDS = ROWS.map((row) => row[0]) as [IncidentTypeId, ...IncidentTypeId[]]

const BY_ID = new Map<string, IncidentType>(INCIDENT_TYPES.map((t) => [t.id, t]))

export function getIncidentType(id: string): IncidentType | undefined {
  return BY_ID.get(id)
}

export type IncidentRoute = Pick<IncidentType, 'module' | 'department' | 'onList' | 'listItem'>

/** Where an incident of this type goes; null for an unknown type id (the API answers 400). */
export function routeIncidentType(typeId: string): IncidentRoute | null {
  const type = BY_ID.get(typeId)
  return type ? { module: type.module, department: type.department, onList: type.onList, listItem: type.listItem } : null
}
