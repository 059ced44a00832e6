import type { Overlay } from '../overlay'
import { countyOverlay } from './county'
import { disputesOverlay } from './disputes'
import { gridsOverlay } from './grids'
import { heatmapOverlay, incidentsOverlay } from './incidents'
import { selectionOverlay } from './selection'
import { sitesOverlay } from './sites'
import { townshipsOverlay } from './townships'
import { whistlesOverlay } from './whistles'

export const OVERLAYS: Overlay[] = [countyOverlay, townshipsOverlay, gridsOverlay, selectionOverlay, heatmapOverlay, incidentsOverlay,
  disputesOverlay, sitesOverlay, whistlesOverlay]
