import type { Overlay } from '../overlay'
import { countyOverlay } from './county'
import { townshipsOverlay } from './townships'

export const OVERLAYS: Overlay[] = [countyOverlay, townshipsOverlay]
