// What GET /api/audit answers: chained entries, newest first, and the per-address-and-minute summaries of refused
// anonymous writes not chained yet (docs/audit.md). api/routes/admin.ts builds the page typed against this.
import { z } from 'zod'
import { IsoTime } from './common'
import { component } from './registry'

export const AuditEntry = component('AuditEntry', z.strictObject({
  id: z.int(), at: IsoTime,
  actor: z.string().nullable(), actorKind: z.enum(['user', 'token']).nullable(), role: z.string().nullable(),
  method: z.string(), path: z.string(), target: z.string().nullable(),
  detail: z.string().nullable().describe('e.g. a transition\'s action, or "read" for a read of unmasked personal data'),
  status: z.int(), remote: z.string().nullable(),
  count: z.int().describe('refusals a summary row stands for; 1 otherwise'),
  prevHash: z.string().nullable(), hash: z.string().nullable(),
}))

export const AuditPending = component('AuditPending', z.strictObject({
  remote: z.string(), at: IsoTime.describe('the first refusal'), count: z.int(),
  method: z.string(), path: z.string().describe('\'*\' when the refusals differ'),
  statuses: z.record(z.string(), z.int()), logins: z.array(z.string()),
}))

export const AuditPage = component('AuditPage', z.strictObject({
  entries: z.array(AuditEntry), next: z.string().nullable().describe('the cursor of the next page, null on the last'),
  pending: z.array(AuditPending),
}))
export type AuditPage = z.infer<typeof AuditPage>
