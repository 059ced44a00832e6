// What the API answers about a case merge (一件事): POST /api/incident-merges and its undo, and the `case` of an
// incident's detail. api/services/case-merges.ts builds it typed against this.
import { z } from 'zod'
import { IsoTime, IsoTimeOrNull, StepBy } from './common'
import { component } from './registry'

export const CaseMergeAnswer = component('CaseMerge', z.strictObject({
  id: z.int(),
  primary: z.int().describe('the incident the case is known by: its figures count the case once, as this report'),
  members: z.array(z.int()).describe('the incidents merged into the primary (the primary not among them), by id'),
  township: z.string(), category: z.string(),
  note: z.string().nullable(),
  mergedAt: IsoTime, mergedBy: StepBy,
  undoneAt: IsoTimeOrNull.describe('null while the case stands; set by POST /api/incident-merges/{id}/undo'),
  undoneBy: StepBy, undoNote: z.string().nullable(),
}), 'a case: repeated reports of one matter merged under a primary incident (合并为一件事)')
export type CaseMergeAnswer = z.infer<typeof CaseMergeAnswer>
