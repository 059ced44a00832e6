// The record kinds a file may hold, by the name `--kind` takes.
import { disputeKind } from './disputes'
import { incidentKind } from './incidents'
import type { RecordKind } from './kind'
import { siteKind } from './sites'

export const RECORD_KINDS: Readonly<Record<string, RecordKind>> = {
  incidents: incidentKind,
  disputes: disputeKind,
  sites: siteKind,
}
