// A finished shape as the selection it may become: simplified to what `within=` takes, then checked. Its own
// module so the geometry it needs (turf's simplification and intersection) loads only when a shape is finished.
import type { Geometry, Polygon } from 'geojson'
import { checkSelection } from './check-selection'
import type { SelectionCheck } from './check-selection'
import { simplifySelection } from './simplify-selection'

export const acceptShape = (shape: Polygon, county: Geometry | null): SelectionCheck => checkSelection(simplifySelection(shape), county)
