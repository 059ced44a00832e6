// "1+3+N": 1 = Party building leads everything, 3 = the main modules, N = sub-modules such as
// enforcement plus ad-hoc task forces (工作专班). Every incident belongs to exactly one module, so
// workload and closure can be compared per module.
import type { Label, Labelled } from './label'
import { labelled } from './label'

export const MODULE_IDS = ['party', 'management', 'safety', 'service', 'enforcement', 'taskforce'] as const
export type ModuleId = (typeof MODULE_IDS)[number]

export const MODULE_GROUP_IDS = ['1', '3', 'N'] as const
export type ModuleGroup = (typeof MODULE_GROUP_IDS)[number]

export type Module = Labelled<ModuleId> & { readonly group: ModuleGroup }

const TABLE: Record<ModuleId, Label & { group: ModuleGroup }> = {
  party: { name: '大党建', nameEn: 'Party building', group: '1' },
  management: { name: '大管理', nameEn: 'Public management', group: '3' },
  safety: { name: '大安全', nameEn: 'Public safety', group: '3' },
  service: { name: '大服务', nameEn: 'Public services', group: '3' },
  enforcement: { name: '大执法', nameEn: 'Comprehensive enforcement', group: 'N' },
  taskforce: { name: '工作专班', nameEn: 'Task forces', group: 'N' },
}

export const MODULES: readonly Module[] = labelled(MODULE_IDS, TABLE)

const GROUP_TABLE: Record<ModuleGroup, Label> = {
  '1': { name: '统领模块', nameEn: 'Leading module' },
  '3': { name: '主模块', nameEn: 'Main modules' },
  N: { name: '分模块与专班', nameEn: 'Sub-modules and task forces' },
}

export const MODULE_GROUPS: readonly Labelled<ModuleGroup>[] = labelled(MODULE_GROUP_IDS, GROUP_TABLE)

export function getModule(id: ModuleId): Module {
  return { id, ...TABLE[id] }
}
