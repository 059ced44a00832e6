import { createApp } from 'vue'
import type { Component } from 'vue'
import { createPinia } from 'pinia'
import 'maplibre-gl/dist/maplibre-gl.css'
import './theme.css'
import App from './App.vue'

const mount = (root: Component) => createApp(root).use(createPinia()).mount('#app')

// /wall is the command-centre screen (its own chunk: the leader's map does not load it); everything else is the
// leader's map. The server sends index.html for every extension-less path.
if (/^\/wall\/?$/.test(window.location.pathname)) void import('./wall/WallApp.vue').then((m) => mount(m.default))
else mount(App)
