import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, linkTo, test } from './fixtures'

const replica = (page: Page, name: string) => page.getByRole('article', { name: `Replica ${name}`, exact: true })
const textBox = (page: Page, name: string) => replica(page, name).getByLabel('Shared text')
const verdict = (page: Page) => page.getByTestId('lab-verdict')
const slider = (page: Page) => page.getByRole('slider', { name: 'Time' })

/** Drags the timeline's thumb from the end back to the moment `t` (ms) of a run that ends at `end`. */
const dragTo = async (page: Page, t: number, end: number) => {
  await slider(page).scrollIntoViewIfNeeded()
  const box = await slider(page).boundingBox()
  if (box === null) throw new Error('no timeline')
  // A range input's thumb travels the track minus its own width (about 16 px).
  const thumb = 16
  const x = (ms: number) => box.x + thumb / 2 + ((box.width - thumb) * ms) / end
  const y = box.y + box.height / 2
  await page.mouse.move(x(end), y)
  await page.mouse.down()
  await page.mouse.move(x((t + end) / 2), y, { steps: 5 })
  await page.mouse.move(x(t), y, { steps: 5 })
  await page.mouse.up()
}

test('partition → edits → heal; drag back to the partition: A ≠ A′ again; fork; export and import both branches', async ({ page }) => {
  await page.goto(linkTo({ view: 'lab', seed: '3' }))
  await expect(replica(page, 'A')).toBeVisible()
  await page.getByRole('button', { name: 'Partition', exact: true }).click()
  const partitionedAt = await page.evaluate(() => (window as unknown as { aprimeLab: { sim(): { now: number } } }).aprimeLab.sim().now)
  await textBox(page, 'A').pressSequentially('left ')
  await textBox(page, 'A‴').pressSequentially('right ')
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'differs')
  // A long partition (in virtual time), so that the drag lands well inside it.
  await page.getByLabel('Speed').selectOption('2')
  await page.waitForFunction((t) => (window as unknown as { aprimeLab: { sim(): { now: number } } }).aprimeLab.sim().now > t + 2000, partitionedAt)
  await page.getByRole('button', { name: 'Heal', exact: true }).click()
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal', { timeout: 15_000 })
  await page.getByRole('button', { name: /Pause/ }).click()
  const end = Number(await slider(page).getAttribute('max'))

  // Back to just after the partition's edits: the two sides differ again, in every view.
  const healedAt = await page.evaluate(() => {
    const lab = (window as unknown as { aprimeLab: { sim(): { actions: ReadonlyArray<{ at: number; action: { type: string } }> } } }).aprimeLab
    return lab.sim().actions.find((a) => a.action.type === 'heal')?.at ?? 0
  })
  await dragTo(page, (healedAt + partitionedAt) / 2, end)
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'differs')
  await expect(page.getByText(/Looking back/)).toBeVisible()
  const digestOf = (name: string) => replica(page, name).locator('.replica-digest').textContent()
  expect(await digestOf('A')).not.toBe(await digestOf('A‴'))

  // Change the past: a fork, with the old future kept.
  await replica(page, 'A′').getByRole('button', { name: '+1' }).click()
  const branches = page.getByRole('group', { name: 'Branches' })
  await expect(branches.getByRole('button')).toHaveCount(2)
  await expect(branches.getByRole('button', { name: /^Fork 1/ })).toHaveAttribute('aria-pressed', 'true')
  await page.getByRole('button', { name: /Play/ }).click()
  await page.getByRole('button', { name: 'Heal', exact: true }).click()
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal', { timeout: 15_000 })
  await expect(replica(page, 'A‴').getByLabel('Counter value')).toHaveText('1')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export run' }).click()
  const file = await (await download).path()
  const run = JSON.parse(readFileSync(file, 'utf8'))
  expect(run.branches).toHaveLength(2)
  expect(run.branches[1].parent).toBe(run.branches[0].id)

  await page.getByRole('button', { name: 'New run' }).click()
  await page.getByLabel('Import run').setInputFiles(file)
  await expect(page.getByRole('status').filter({ hasText: 'every replica' })).toContainText('2 branches')
  await expect(replica(page, 'A‴').getByLabel('Counter value')).toHaveText('1')
  await page.getByRole('group', { name: 'Branches' }).getByRole('button', { name: 'Run' }).click()
  await expect(replica(page, 'A‴').getByLabel('Counter value')).toHaveText('0')
  await expect(textBox(page, 'A″')).toHaveValue(/left/)
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'equal')
})
