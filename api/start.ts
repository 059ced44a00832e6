// `npm start`: build the SPA when dist/web is missing or older than its sources, then serve.
import { buildWebIfStale } from './web-build'

buildWebIfStale((line) => console.log(line))
await import('./server')
