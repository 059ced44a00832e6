// The map's one camera decides which request moves the map by its reason, not by the order requests arrive in
// (web/src/map/camera.ts), tested against a fake map.
import { expect, test } from 'vitest'
import { createCamera } from '../../web/src/map/camera'

interface Move { to: string; duration: number }

/** A fake map: records the moves it is asked for; the clock and the end of the task are the test's. */
function fakeMap() {
  const moves: string[] = []
  let time = 0
  let taskEnd: (() => void)[] = []
  const camera = createCamera<Move>({
    move: (m) => moves.push(m.to),
    duration: (m) => m.duration,
    now: () => time,
    endOfTask: (fn) => taskEnd.push(fn),
  })
  return {
    camera, moves,
    endTask() { const fns = taskEnd; taskEnd = []; fns.forEach((fn) => fn()) },
    wait(ms: number) { time += ms },
  }
}

test("the wall's framing of a scope wins over the leader's flight to it, in whichever order they run", () => {
  for (const order of [['scope', 'wall-scope'], ['wall-scope', 'scope']] as const) {
    const { camera, moves, endTask } = fakeMap()
    for (const reason of order) camera.show({ to: reason, duration: 1200 }, reason)
    endTask()
    expect(moves.at(-1)).toBe('wall-scope')
    expect(camera.holder()).toBe('wall-scope')
  }
})

test('an instant framing still wins over a flight asked for in the same task, and not over a later one', () => {
  const { camera, moves, endTask, wait } = fakeMap()
  camera.show({ to: 'frame', duration: 0 }, 'wall-scope')
  expect(camera.show({ to: 'leader', duration: 1200 }, 'scope')).toBe(false)
  endTask()
  expect(moves).toEqual(['frame'])
  wait(1)
  expect(camera.show({ to: 'cluster', duration: 500 }, 'cluster')).toBe(true)
  expect(moves).toEqual(['frame', 'cluster'])
})

test('an urgent record holds the camera until released: tour steps and framings do not move the map meanwhile', () => {
  const { camera, moves, endTask, wait } = fakeMap()
  camera.show({ to: 'township', duration: 1200 }, 'scope')
  camera.show({ to: 'record', duration: 2000 }, 'urgent')
  endTask()
  wait(60_000)
  expect(camera.show({ to: 'next step', duration: 1200 }, 'scope')).toBe(false)
  expect(camera.show({ to: 'next frame', duration: 1200 }, 'wall-scope')).toBe(false)
  expect(moves).toEqual(['township', 'record'])
  expect(camera.holder()).toBe('urgent')
  camera.release('urgent')
  expect(camera.holder()).toBe(null)
  expect(camera.show({ to: 'back', duration: 1200 }, 'wall-scope')).toBe(true)
  expect(moves.at(-1)).toBe('back')
})

test('among equals the latest wins, and a lower request moves the map once the higher flight has ended', () => {
  const { camera, moves, endTask, wait } = fakeMap()
  camera.show({ to: 'a', duration: 1200 }, 'scope')
  camera.show({ to: 'b', duration: 500 }, 'cluster')
  endTask()
  expect(moves).toEqual(['a', 'b'])
  camera.show({ to: 'frame', duration: 1200 }, 'wall-scope')
  endTask()
  wait(600)
  expect(camera.show({ to: 'too soon', duration: 1200 }, 'scope')).toBe(false)
  wait(600)
  expect(camera.show({ to: 'after', duration: 1200 }, 'scope')).toBe(true)
  expect(moves).toEqual(['a', 'b', 'frame', 'after'])
  // Releasing a reason that does not hold the camera changes nothing.
  camera.release('urgent')
  expect(camera.holder()).toBe('scope')
})
