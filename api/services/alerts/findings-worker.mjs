// The entry of the alert evaluation's worker thread. The server runs TypeScript through tsx (`node --import tsx`),
// whose hooks register in the main thread only; a worker thread starts without them (and under vitest without
// vite's), so it registers tsx's hooks itself before importing the TypeScript entry.
import { register } from 'tsx/esm/api'

register()
await import('./findings-worker.ts')
