// The record as it will be once the server applies an action, shown the moment the user confirms: the new status,
// no further actions until the answer comes (a second click cannot race the first), the assignee chosen, and a
// history step by the user marked as pending. The answer replaces it; a refusal puts the snapshot back.
import type { ActKind } from './action-forms'
import { expectedStatus } from './action-forms'

export interface Me { name: string; role: string }

export function optimisticRecord<R extends Record<string, unknown>>(
  kind: ActKind, action: string, body: Record<string, unknown>, record: R, me: Me | null, now: number,
): R {
  if (kind === 'site') return clearedWarning(action, record, me, now)
  const status = String(record.status)
  const to = expectedStatus(kind, action, status)
  const history = Array.isArray(record.history) ? record.history : []
  const step = {
    at: new Date(now).toISOString(), action, from: status, to, note: typeof body.note === 'string' ? body.note : null,
    by: me ? { name: me.name, role: me.role } : null,
    ...(body.assignee ? { assignee: body.assignee } : {}), ...(body.until ? { until: body.until } : {}), ...(body.level ? { level: body.level } : {}),
    pending: true,
  }
  return {
    ...record,
    status: to,
    allowedActions: [],
    ...(body.assignee ? { assignee: body.assignee } : {}),
    history: [...history, step],
  }
}

/** 解除预警: the warning shows cleared by the user, and the site one open warning fewer. */
function clearedWarning<R extends Record<string, unknown>>(action: string, record: R, me: Me | null, now: number): R {
  const id = Number(action.split(':')[1])
  const warnings = Array.isArray(record.warnings) ? (record.warnings as { id: number; open?: boolean }[]) : []
  const at = new Date(now).toISOString()
  return {
    ...record,
    openWarnings: Math.max(0, Number(record.openWarnings ?? 0) - 1),
    warnings: warnings.map((w) => (w.id === id ? { ...w, open: false, clearedAt: at, clearedBy: me ? { name: me.name, role: me.role } : null, pending: true } : w)),
  }
}
