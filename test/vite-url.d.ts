// Unit tests type-check a few web modules under the root tsconfig, which has no Vite client types: a module that
// reaches web/src/map/map-host.ts (even for a type) meets its `?url` import of MapLibre's worker. Vite turns such an
// import into the asset's URL; this says so to the root type-check.
declare module '*?url' {
  const url: string
  export default url
}
