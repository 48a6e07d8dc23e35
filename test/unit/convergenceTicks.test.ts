import { expect, test } from 'vitest'
import { distinctTicks } from '../../src/ui/lab/ConvergencePlot'

const PLOT_H = 150

test.each([2, 3, 4, 8, 12, 16, 24, 32])('the distinct-states axis with %i replicas: 1 labelled, labels at least 16 px apart, none past the top', (n) => {
  const ticks = distinctTicks(n, PLOT_H)
  expect(ticks[0]).toBe(1)
  const px = (d: number) => ((d - 1) / (n - 1)) * PLOT_H
  for (let i = 1; i < ticks.length; i++) {
    expect(ticks[i]).toBeGreaterThan(ticks[i - 1])
    expect(px(ticks[i]) - px(ticks[i - 1])).toBeGreaterThanOrEqual(16)
  }
  expect(ticks[ticks.length - 1]).toBeLessThanOrEqual(n)
  // Enough labels to read the axis: the top third is labelled.
  expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(Math.min(n, Math.ceil((2 * n) / 3)))
})
