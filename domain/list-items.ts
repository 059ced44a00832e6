// The 82-item 属地管理 responsibility list: duties that legally belong to a county department but
// need the township's help. Each item has one lead department (牵头部门, which "兜底" — carries the
// residual responsibility) and sits in one township module. Rule: nothing outside this list is the
// township's job (清单之外无属地管理事项). The article gives the counts (82 items, 17 departments);
// the item names are our plausible reconstruction from typical Zhejiang county lists.
import type { DepartmentId } from './departments'
import type { Labelled } from './label'
import type { ModuleId } from './modules'
import { ARTICLE_FIGURES } from './article-figures'

type Row = readonly [id: string, department: DepartmentId, module: ModuleId, name: string, nameEn: string]

const ROWS = [
  ['L01', 'enforcement', 'enforcement', '违法建筑巡查发现报告', 'Finding and reporting illegal buildings on patrol'],
  ['L02', 'enforcement', 'enforcement', '违法建筑拆除配合', 'Assisting the demolition of illegal buildings'],
  ['L03', 'enforcement', 'enforcement', '占道经营劝导', 'Moving on street vendors who occupy the road'],
  ['L04', 'enforcement', 'management', '乱堆放乱搭建劝导', 'Discouraging stray stacking and makeshift structures'],
  ['L05', 'enforcement', 'safety', '户外广告设施安全巡查', 'Safety patrol of outdoor advertising structures'],
  ['L06', 'enforcement', 'enforcement', '露天焚烧发现报告', 'Reporting open burning'],
  ['L07', 'enforcement', 'enforcement', '餐饮油烟扰民发现报告', 'Reporting nuisance from restaurant fumes'],
  ['L08', 'enforcement', 'enforcement', '渣土车辆违规运输发现报告', 'Reporting muck trucks that spill or run illegally'],
  ['L09', 'enforcement', 'management', '生活垃圾分类督导', 'Supervising household waste sorting'],
  ['L10', 'market', 'safety', '食品安全隐患排查', 'Checking for food safety hazards'],
  ['L11', 'market', 'management', '无证无照经营发现报告', 'Reporting unlicensed businesses'],
  ['L12', 'market', 'safety', '农村家宴报备指导', 'Registering and guiding rural banquets'],
  ['L13', 'market', 'safety', '特种设备安全隐患排查', 'Checking special equipment for hazards'],
  ['L14', 'market', 'safety', '药品医疗器械安全信息报告', 'Reporting drug and medical device safety information'],
  ['L15', 'market', 'management', '假冒伪劣商品线索报告', 'Reporting leads on counterfeit and shoddy goods'],
  ['L16', 'market', 'management', '价格违法行为线索报告', 'Reporting leads on illegal pricing'],
  ['L17', 'emergency', 'safety', '企业安全生产隐患排查', 'Checking enterprises for work-safety hazards'],
  ['L18', 'emergency', 'safety', '危险化学品安全巡查', 'Safety patrol of hazardous chemicals'],
  ['L19', 'emergency', 'safety', '防汛防台危险区域人员转移', 'Evacuating people from flood and typhoon danger zones'],
  ['L20', 'emergency', 'safety', '非法经营烟花爆竹发现报告', 'Reporting illegal fireworks trade'],
  ['L21', 'emergency', 'safety', '"三合一"场所排查', 'Checking premises that mix living, production and storage'],
  ['L22', 'emergency', 'safety', '自然灾害灾情统计报送', 'Collecting and reporting natural disaster damage'],
  ['L23', 'emergency', 'service', '避灾安置点日常管理', 'Day-to-day management of disaster shelters'],
  ['L24', 'health', 'safety', '传染病疫情防控配合', 'Helping to control infectious disease outbreaks'],
  ['L25', 'health', 'service', '重点人群健康随访协助', 'Helping with health follow-up of priority groups'],
  ['L26', 'health', 'management', '爱国卫生与病媒生物防制', 'Patriotic health campaign and vector control'],
  ['L27', 'health', 'enforcement', '非法行医线索报告', 'Reporting leads on illegal medical practice'],
  ['L28', 'health', 'service', '预防接种宣传动员', 'Mobilising residents for vaccination'],
  ['L29', 'natural-resources', 'enforcement', '违法用地巡查发现报告', 'Finding and reporting illegal land use'],
  ['L30', 'natural-resources', 'enforcement', '非法采矿采砂巡查', 'Patrolling for illegal mining and sand dredging'],
  ['L31', 'natural-resources', 'safety', '地质灾害隐患点巡查', 'Patrolling geological hazard sites'],
  ['L32', 'natural-resources', 'safety', '森林防火巡查', 'Forest fire prevention patrol'],
  ['L33', 'natural-resources', 'management', '松材线虫病疫木清理监管', 'Supervising removal of pine-wilt infected wood'],
  ['L34', 'natural-resources', 'management', '耕地"非农化"巡查', 'Patrolling against conversion of farmland to non-farm use'],
  ['L35', 'natural-resources', 'enforcement', '乱砍滥伐林木发现报告', 'Reporting illegal logging'],
  ['L36', 'housing', 'safety', '农村危旧房排查', 'Checking rural dilapidated houses'],
  ['L37', 'housing', 'management', '农房建设现场监管', 'On-site supervision of rural house building'],
  ['L38', 'housing', 'safety', '城镇燃气安全巡查', 'Town gas safety patrol'],
  ['L39', 'housing', 'safety', '在建工程安全文明施工巡查', 'Patrolling construction sites for safe, orderly work'],
  ['L40', 'housing', 'service', '物业小区矛盾协调', 'Mediating disputes in managed residential estates'],
  ['L41', 'housing', 'service', '老旧小区改造群众工作', 'Resident liaison for old-estate renovation'],
  ['L42', 'justice', 'safety', '人民调解工作指导', 'Guiding people\'s mediation'],
  ['L43', 'justice', 'safety', '社区矫正对象日常监管', 'Day-to-day supervision of people under community correction'],
  ['L44', 'justice', 'service', '法律援助与普法宣传', 'Legal aid referral and legal awareness'],
  ['L45', 'public-security', 'management', '流动人口登记管理', 'Registering the floating population'],
  ['L46', 'public-security', 'safety', '出租房屋安全隐患排查', 'Checking rented housing for hazards'],
  ['L47', 'public-security', 'safety', '重点人员稳控协助', 'Helping to keep watch over key persons'],
  ['L48', 'public-security', 'safety', '农村交通安全劝导', 'Rural road safety persuasion'],
  ['L49', 'ecology', 'management', '环境污染问题巡查报告', 'Patrolling for and reporting pollution'],
  ['L50', 'ecology', 'management', '畜禽养殖污染巡查', 'Patrolling livestock farm pollution'],
  ['L51', 'ecology', 'management', '入河排污口巡查', 'Patrolling outfalls into rivers'],
  ['L52', 'ecology', 'safety', '饮用水水源保护区巡查', 'Patrolling drinking-water source protection zones'],
  ['L53', 'ecology', 'management', '企业异味噪声投诉协查', 'Helping to investigate odour and noise complaints'],
  ['L54', 'agriculture', 'safety', '动物疫病防控', 'Animal disease prevention and control'],
  ['L55', 'agriculture', 'safety', '农药经营使用安全巡查', 'Patrolling pesticide sale and use'],
  ['L56', 'agriculture', 'management', '农村宅基地管理', 'Managing rural homesteads'],
  ['L57', 'agriculture', 'management', '农村生活污水设施运维巡查', 'Patrolling rural sewage facilities'],
  ['L58', 'agriculture', 'management', '耕地抛荒整治', 'Bringing abandoned farmland back into use'],
  ['L59', 'agriculture', 'management', '农村人居环境整治', 'Improving the rural living environment'],
  ['L60', 'water', 'management', '河湖"四乱"巡查', 'Patrolling rivers and lakes for the "four disorders"'],
  ['L61', 'water', 'safety', '山塘水库安全巡查', 'Safety patrol of ponds and small reservoirs'],
  ['L62', 'water', 'management', '小型水利工程运行管护', 'Upkeep of small water works'],
  ['L63', 'water', 'service', '农村饮用水安全巡查', 'Rural drinking-water safety patrol'],
  ['L64', 'water', 'safety', '防汛水雨情信息报送', 'Reporting rain and water levels in flood season'],
  ['L65', 'transport', 'management', '农村公路路况巡查', 'Patrolling rural road condition'],
  ['L66', 'transport', 'safety', '公路桥梁隐患报告', 'Reporting road and bridge hazards'],
  ['L67', 'transport', 'safety', '非法营运"黑车"线索报告', 'Reporting leads on unlicensed taxis'],
  ['L68', 'transport', 'enforcement', '公路建筑控制区违建发现报告', 'Reporting buildings in road control zones'],
  ['L69', 'civil-affairs', 'party', '村(居)务公开督促', 'Making villages publish their affairs'],
  ['L70', 'civil-affairs', 'service', '困难群众救助对象排查', 'Finding residents in hardship who need relief'],
  ['L71', 'civil-affairs', 'service', '独居老人探访关爱', 'Visiting elderly people living alone'],
  ['L72', 'civil-affairs', 'party', '殡葬改革与移风易俗', 'Funeral reform and changing wasteful customs'],
  ['L73', 'education', 'safety', '校园周边安全巡查', 'Safety patrol around schools'],
  ['L74', 'education', 'service', '控辍保学劝返', 'Bringing dropouts back to school'],
  ['L75', 'human-resources', 'safety', '欠薪线索排查', 'Finding leads on unpaid wages'],
  ['L76', 'human-resources', 'service', '就业困难人员帮扶', 'Helping people who struggle to find work'],
  ['L77', 'human-resources', 'service', '城乡居民养老保险参保动员', 'Enrolling residents in the basic pension scheme'],
  ['L78', 'culture-tourism', 'party', '农村文化礼堂活动组织', 'Running activities in village cultural halls'],
  ['L79', 'culture-tourism', 'safety', '文物安全巡查', 'Safety patrol of cultural relics'],
  ['L80', 'culture-tourism', 'safety', '民宿安全巡查', 'Safety patrol of homestays'],
  ['L81', 'fire', 'safety', '"九小场所"消防安全巡查', 'Fire safety patrol of small premises'],
  ['L82', 'fire', 'safety', '电动自行车违规停放充电排查', 'Checking e-bikes parked or charged unsafely'],
] as const satisfies readonly Row[]

export type ListItemId = (typeof ROWS)[number][0]

export type ListItem = Labelled<ListItemId> & { readonly department: DepartmentId; readonly module: ModuleId }

export const LIST_ITEMS: readonly ListItem[] = ROWS.map(([id, department, module, name, nameEn]) => ({
  id,
  name,
  nameEn,
  department,
  module,
}))

export const LIST_ITEM_IDS: readonly ListItemId[] = LIST_ITEMS.map((item) => item.id)

const BY_ID = new Map<string, ListItem>(LIST_ITEMS.map((item) => [item.id, item]))

export function getListItem(id: string): ListItem | undefined {
  return BY_ID.get(id)
}

// The article's other list figures, re-exported here because readers look for them beside the list.
export const STRUCK_OUT_ITEMS = ARTICLE_FIGURES.lists.struckOut
export const TOWNSHIP_POWER_ITEMS = ARTICLE_FIGURES.lists.townshipPowerItems
export const DELEGATED_SERVICE_ITEMS = ARTICLE_FIGURES.lists.delegatedServiceItems
/** "260余项": at least 260. */
export const GRID_SERVICE_ITEMS = ARTICLE_FIGURES.lists.gridServiceItems
