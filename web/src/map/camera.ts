// The map's one camera: every move of the view (the leader's flight to a scope, a cluster click, the wall's framing
// of its scope, the wall's flight to an urgent record) is a request with a reason, and the camera decides which
// request moves the map, whichever order the requests' watchers run in.
//
// The rule: priority by reason. A request moves the map unless the camera is held by a request of a higher
// priority; equal or higher priority replaces what is flying (the latest of equals wins). A request holds the
// camera until its flight ends, and at least until the end of the task it was made in: requests made together (the
// leader's and the wall's answers to one scope change run in the same task) are decided by their reasons, never by
// the order their watchers happened to run in. An urgent record holds the camera until it is released.
// Priority rather than "latest wins" because the wall's framing and the leader's flight answer the same change at
// the same moment, and a tour step or a layer toggle must not pull the map away from an urgent record.
//
// Pure: the host gives it the function that moves the map, a clock and a way to run something at the end of the
// task, so it is tested without WebGL (test/unit/camera.test.ts).

export type CameraReason = 'scope' | 'cluster' | 'wall-scope' | 'urgent'

/** Higher wins. The leader's scope flight and a cluster click are the user's own moves: the latest of them wins. */
export const CAMERA_PRIORITY: Readonly<Record<CameraReason, number>> = { scope: 0, cluster: 0, 'wall-scope': 1, urgent: 2 }

/** Held until `release`, not until its flight ends. */
const HELD_UNTIL_RELEASED: ReadonlySet<CameraReason> = new Set(['urgent'])

export interface Camera<T> {
  /** Moves the map to target unless a higher-priority request holds the camera; says whether it moved. */
  show(target: T, reason: CameraReason): boolean
  /** Ends the hold of a request held until released (an urgent record done); the next request moves the map. */
  release(reason: CameraReason): void
  /** The reason of the request that holds the camera now, or null. */
  holder(): CameraReason | null
}

export interface CameraDriver<T> {
  /** Starts the move (replacing any move in flight). */
  move(target: T): void
  /** How long the move takes, in ms. */
  duration(target: T): number
  now(): number
  /** Runs fn once the current task is done (queueMicrotask in the browser). */
  endOfTask(fn: () => void): void
}

export function createCamera<T>(driver: CameraDriver<T>): Camera<T> {
  let held: { reason: CameraReason; until: number; thisTask: boolean } | null = null

  const holding = () => {
    if (!held) return null
    if (held.thisTask || HELD_UNTIL_RELEASED.has(held.reason) || driver.now() < held.until) return held
    held = null
    return null
  }

  return {
    show(target, reason) {
      const current = holding()
      if (current && CAMERA_PRIORITY[current.reason] > CAMERA_PRIORITY[reason]) return false
      const hold = { reason, until: driver.now() + driver.duration(target), thisTask: true }
      held = hold
      driver.endOfTask(() => { hold.thisTask = false })
      driver.move(target)
      return true
    },
    release(reason) {
      if (held?.reason === reason) held = null
    },
    holder: () => holding()?.reason ?? null,
  }
}
