import type { Overlay } from '../overlay'
import { alertRecordsOverlay, alertsOverlay } from './alerts'
import { countyOverlay } from './county'
import { disputesOverlay } from './disputes'
import { gridsOverlay } from './grids'
import { heatmapOverlay, incidentsOverlay } from './incidents'
import { selectionOverlay } from './selection'
import { sitesOverlay } from './sites'
import { townshipsOverlay } from './townships'
import { whistlesOverlay } from './whistles'

export const OVERLAYS: Overlay[] = [countyOverlay, townshipsOverlay, gridsOverlay, selectionOverlay, alertsOverlay, heatmapOverlay, incidentsOverlay,
  disputesOverlay, sitesOverlay, whistlesOverlay, alertRecordsOverlay]
