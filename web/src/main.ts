import { createApp } from 'vue'
import type { Component } from 'vue'
import { createPinia } from 'pinia'
import 'maplibre-gl/dist/maplibre-gl.css'
import './theme.css'
import Root from './Root.vue'
import { authorizeWall } from './wall/wall-auth'

const mount = (root: Component, props?: Record<string, unknown>) => createApp(root, props).use(createPinia()).mount('#app')

// /queue is a county department's work screen (its own chunk, behind the same sign-in).
// /wall is the command-centre screen (its own chunk: the leader's map does not load it), signed in by its display
// token; everything else is the leader's map behind the sign-in screen. The server sends index.html for every
// extension-less path.
if (/^\/wall\/?$/.test(window.location.pathname)) {
  // One import() per statement: in a ternary the bundler preloaded only one of the two chunks' CSS.
  void authorizeWall().then(async (signIn) => {
    if (signIn.auth === 'ok') mount((await import('./wall/WallApp.vue')).default, { reach: signIn.reach })
    else mount((await import('./wall/WallUnauthorized.vue')).default)
  })
} else if (/^\/print\/briefing\/?$/.test(window.location.pathname)) {
  // The briefing's print page, opened by the server's headless browser with a print session (its own chunk).
  void import('./print/BriefingPrint.vue').then((m) => mount(m.default))
} else if (/^\/queue\/?$/.test(window.location.pathname)) {
  void import('./queue/QueueApp.vue').then((m) => mount(m.default))
} else mount(Root)
