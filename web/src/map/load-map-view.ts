// The map (MapView and MapLibre, about two thirds of the leader's JavaScript) is a chunk of its own, asked for as the
// page starts: it downloads and evaluates while the sign-in check and the data requests are out, instead of
// delaying both by its ~0.2 s of evaluation on the main thread. One import() for all callers: one module.
export const loadMapView = () => import('./MapView.vue')
