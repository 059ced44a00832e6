import { expect, test } from 'vitest'
import { ConfigError, readConfig } from '../../api/config'

test('defaults: 127.0.0.1:8787, data/onemap.db, demo preset with the simulator on', () => {
  expect(readConfig({})).toEqual({ port: 8787, host: '127.0.0.1', dbPath: 'data/onemap.db', preset: 'demo', simulate: true, basemapUrl: null })
})

test('the historical preset runs without the simulator unless asked', () => {
  expect(readConfig({ PRESET: 'taishun-2020' }).simulate).toBe(false)
  expect(readConfig({ PRESET: 'taishun-2020', SIMULATE: '1' }).simulate).toBe(true)
})

test.each([
  [{ PORT: 'eighty' }, /PORT="eighty" is not a TCP port/],
  [{ PORT: '70000' }, /PORT="70000"/],
  [{ PRESET: 'demo2' }, /PRESET="demo2" is unknown: use one of demo, taishun-2020/],
  [{ SIMULATE: 'maybe' }, /SIMULATE="maybe" is not a switch/],
  [{ HOST: 'a b' }, /HOST="a b"/],
  [{ BASEMAP_URL: 'https://tiles.example.org/tile.png' }, /must be an http\(s\) tile template/],
])('%j stops the server with a message naming the variable', (env, message) => {
  expect(() => readConfig(env)).toThrow(ConfigError)
  expect(() => readConfig(env)).toThrow(message)
})
