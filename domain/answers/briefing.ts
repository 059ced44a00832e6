// What GET /api/briefings answers: the stored PDF briefings the caller may read, newest first, each with the view it
// shows and where to download it. api/routes/briefings.ts builds the list typed against this.
import { z } from 'zod'
import { IsoTime } from './common'
import { component } from './registry'

export const BriefingItem = component('BriefingItem', z.strictObject({
  id: z.int(),
  scope: z.string().describe('the county 330329 or a township code'),
  from: IsoTime, to: IsoTime.describe('end of the period, exclusive'),
  asOf: IsoTime.describe('the instant its figures stand at'),
  lang: z.enum(['zh', 'en']),
  kind: z.enum(['scheduled', 'requested']).describe('scheduled: the daily one (BRIEFING_AT); requested: rendered on request'),
  createdAt: IsoTime, createdBy: z.string().describe('the login or token name that asked, or briefing-schedule'),
  size: z.int().describe('bytes of the PDF'),
  href: z.string().describe('/api/briefings/{id}.pdf'),
}))

export const BriefingList = component('BriefingList', z.strictObject({ items: z.array(BriefingItem) }))
export type BriefingList = z.infer<typeof BriefingList>

export const BriefingPrintSession = component('BriefingPrintSession', z.strictObject({
  printPath: z.string().describe('the print page of the ticket\'s view, to open with the cookie just set'),
}))
export type BriefingPrintSession = z.infer<typeof BriefingPrintSession>
