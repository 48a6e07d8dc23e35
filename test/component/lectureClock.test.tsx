import { describe, expect, test } from 'vitest'
import { type Advanceable, LectureClock } from '../../src/app/lecture/LectureClock'

/** A fake lecture whose advance costs `costPerMs` wall ms per virtual ms on the fake wall clock. */
const fakeWorld = (costPerMs = 0) => {
  const world = { wall: 0 }
  const lecture: Advanceable & { steps: number[] } = {
    now: 0,
    steps: [],
    advanceTo(ms: number) {
      this.steps.push(ms - this.now)
      world.wall += (ms - this.now) * costPerMs
      ;(this as { now: number }).now = ms
    },
  }
  return { world, lecture, clock: new LectureClock({ wallNow: () => world.wall, maxFrameMs: 50, budgetMs: 10 }) }
}

describe('the lecture clock', () => {
  test('advances by wall time × speed, starting from the first tick (no jump over a pause)', () => {
    const { world, lecture, clock } = fakeWorld()
    clock.speed = 2
    world.wall = 1000
    expect(clock.tick(lecture)).toBe(0)
    world.wall += 16
    expect(clock.tick(lecture)).toBe(32)
    clock.stop()
    world.wall += 10_000
    expect(clock.tick(lecture)).toBe(0)
    world.wall += 10
    expect(clock.tick(lecture)).toBe(20)
    expect(lecture.now).toBe(52)
  })

  test('a slow frame counts as at most maxFrameMs', () => {
    const { world, lecture, clock } = fakeWorld()
    clock.speed = 4
    clock.tick(lecture)
    world.wall += 2000
    expect(clock.tick(lecture)).toBe(200)
  })

  test('when the simulation is slow, steps shrink to the budget and actualSpeed says so', () => {
    // 0.5 wall ms per virtual ms: at 4× a 16 ms frame would want 64 virtual ms = 32 wall ms of work.
    const { world, lecture, clock } = fakeWorld(0.5)
    clock.speed = 4
    clock.tick(lecture)
    for (let i = 0; i < 30; i++) {
      world.wall += 16
      clock.tick(lecture)
    }
    expect(lecture.steps[0]).toBe(64)
    expect(Math.max(...lecture.steps.slice(2))).toBeLessThanOrEqual(20 + 1e-9)
    expect(clock.actualSpeed!).toBeLessThan(2)
  })

  test('speed is kept within 0.25×–4×', () => {
    const { clock } = fakeWorld()
    clock.speed = 100
    expect(clock.speed).toBe(4)
    clock.speed = 0
    expect(clock.speed).toBe(0.25)
    clock.speed = Number.NaN
    expect(clock.speed).toBe(1)
  })
})
