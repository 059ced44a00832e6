// The supervised-site export: the list's features, soonest inspection due first.
import type { SiteFeature } from '../../../domain/answers/site'
import { DEPARTMENTS } from '../../../domain/departments'
import { CHAIN_STAGES, SITE_CATEGORIES, SITE_GRADES } from '../../../domain/sites'
import { labelOf, localTime, placeName, yesNo } from '../cells'
import type { ExportKind } from './column'

export const SITE_EXPORT: ExportKind<SiteFeature> = {
  id: 'sites', zh: '重点监管场所', en: 'Supervised sites',
  columns: [
    { zh: '编号', en: 'ID', value: (f) => f.properties.id },
    { zh: '名称', en: 'Name', value: (f) => f.properties.name },
    { zh: '类别', en: 'Category', value: (f, cx) => labelOf(SITE_CATEGORIES, f.properties.category, cx.lang) },
    { zh: '风险等级', en: 'Grade', value: (f, cx) => labelOf(SITE_GRADES, f.properties.grade, cx.lang) },
    { zh: '监管部门', en: 'Department', value: (f, cx) => labelOf(DEPARTMENTS, f.properties.department, cx.lang) },
    { zh: '下次检查期限', en: 'Next inspection due', value: (f) => localTime(f.properties.nextInspectionDue) },
    { zh: '检查超期', en: 'Inspection overdue', value: (f, cx) => yesNo(f.properties.overdue, cx.lang) },
    { zh: '未消除预警', en: 'Open warnings', value: (f) => f.properties.openWarnings },
    { zh: '处置环节', en: 'Chain stage', value: (f, cx) => labelOf(CHAIN_STAGES, f.properties.chainStage, cx.lang) },
    { zh: '乡镇', en: 'Township', value: (f, cx) => placeName(f.properties.township, cx) },
    { zh: '网格', en: 'Grid', value: (f, cx) => placeName(f.properties.grid, cx) },
    { zh: '经度', en: 'Longitude', value: (f) => f.geometry.coordinates[0] },
    { zh: '纬度', en: 'Latitude', value: (f) => f.geometry.coordinates[1] },
  ],
}
