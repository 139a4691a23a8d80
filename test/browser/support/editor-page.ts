/**
 * Drives the editor in a Playwright page through its test contract only: the data-testids,
 * `.react-flow__node[data-id]`, React Flow handles with `data-handleid`, and
 * `window.__latentflow = { getWorkflow(), loadWorkflow(w), connect(...) }`.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { REPO_ROOT } from '../../repo-paths.js'

/** The editor's static build, which the server serves at `/`. */
export const EDITOR_DIST_DIR = path.join(REPO_ROOT, 'packages', 'editor', 'dist')

export function assertEditorBuilt(): void {
  const index = path.join(EDITOR_DIST_DIR, 'index.html')
  if (!existsSync(index)) throw new Error(`The editor is not built (${path.relative(REPO_ROOT, index)} is missing): run npm run build`)
}

/** A native workflow as the editor hands it out. */
export interface Workflow {
  version: number
  nodes: Record<string, { type: string; inputs: Record<string, unknown>; [key: string]: unknown }>
  [key: string]: unknown
}

/** `window.__latentflow`, the editor's hook for tests. */
export interface LatentflowTestApi {
  getWorkflow(): Workflow
  loadWorkflow(workflow: unknown): unknown
  connect(source: string, sourceHandle: string, target: string, targetHandle: string): boolean
}
/** Only for casts inside page.evaluate (no global augmentation, so no clash with the editor's own). */
export type LatentflowWindow = Window & { __latentflow: LatentflowTestApi }

export const TXT2IMG_NODE_IDS = ['model', 'positive', 'negative', 'positive_encoded', 'negative_encoded', 'latent', 'scheduler', 'sampler', 'decode', 'save'] as const

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`)
/** An output handle (React Flow marks it `.source`; a node may have an input of the same name). */
export const outputHandle = (page: Page, nodeId: string, name: string): Locator => node(page, nodeId).locator(`.react-flow__handle.source[data-handleid="${name}"]`)
/** An input handle (React Flow marks it `.target`). */
export const inputHandle = (page: Page, nodeId: string, name: string): Locator => node(page, nodeId).locator(`.react-flow__handle.target[data-handleid="${name}"]`)
export const widget = (page: Page, nodeId: string, input: string): Locator => node(page, nodeId).locator(`[data-testid="widget-${input}"]`)

/** Waits until `window.__latentflow` exists. */
export async function waitForApi(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const api = (window as unknown as Partial<LatentflowWindow>).__latentflow
    return typeof api?.getWorkflow === 'function' && typeof api.loadWorkflow === 'function' && typeof api.connect === 'function'
  }, undefined, { timeout })
}

export async function getWorkflow(page: Page): Promise<Workflow> {
  // Through JSON, so the copy is plain data whatever the editor keeps inside.
  const text = await page.evaluate(() => JSON.stringify((window as unknown as LatentflowWindow).__latentflow.getWorkflow()))
  return JSON.parse(text) as Workflow
}

export async function loadWorkflow(page: Page, workflow: unknown): Promise<void> {
  await page.evaluate(async (w) => {
    await (window as unknown as LatentflowWindow).__latentflow.loadWorkflow(w)
  }, workflow)
}

export async function connect(page: Page, source: string, sourceHandle: string, target: string, targetHandle: string): Promise<unknown> {
  return page.evaluate(([s, sh, t, th]) => (window as unknown as LatentflowWindow).__latentflow.connect(s!, sh!, t!, th!), [source, sourceHandle, target, targetHandle])
}

/** Waits until every node is in the DOM and visible (React Flow hides nodes until measured). */
export async function waitForNodes(page: Page, ids: readonly string[], timeout = 30_000): Promise<void> {
  for (const id of ids) await node(page, id).waitFor({ state: 'visible', timeout })
}

/**
 * Types a widget value the way a user does: fill, then Enter (not in a multi-line text box,
 * where Enter is a new line), then leave the field.
 */
export async function setWidget(page: Page, nodeId: string, input: string, value: string): Promise<void> {
  const field = widget(page, nodeId, input)
  await field.fill(value)
  if ((await field.evaluate((element) => element.tagName)) !== 'TEXTAREA') await field.press('Enter')
  await field.blur()
}

/** A point on the empty canvas (the pane itself is topmost there), in page coordinates. */
export async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')
    if (!pane) return null
    const box = pane.getBoundingClientRect()
    for (let fy = 0.05; fy < 1; fy += 0.05) {
      for (let fx = 0.05; fx < 1; fx += 0.05) {
        const x = box.left + box.width * fx
        const y = box.top + box.height * fy
        if (document.elementFromPoint(x, y) === pane) return { x, y }
      }
    }
    return null
  })
  if (!point) throw new Error('No empty spot on the canvas: .react-flow__pane is missing or covered everywhere')
  return point
}

/** Moves the keyboard focus off any widget, onto the canvas, by clicking empty canvas. */
export async function focusCanvas(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.())
  const { x, y } = await emptyCanvasPoint(page)
  await page.mouse.click(x, y)
}

async function centre(locator: Locator, what: string): Promise<{ x: number; y: number }> {
  await locator.waitFor({ state: 'visible' })
  const box = await locator.boundingBox()
  if (!box) throw new Error(`${what} has no bounding box`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Drags with the real mouse from one element's centre to another's, in small steps. */
export async function dragBetween(page: Page, from: Locator, to: Locator, what: string): Promise<void> {
  const start = await centre(from, `${what}: the drag's start`)
  const end = await centre(to, `${what}: the drag's end`)
  const viewport = page.viewportSize()
  for (const [label, p] of [['start', start], ['end', end]] as const) {
    if (viewport && (p.x < 0 || p.y < 0 || p.x > viewport.width || p.y > viewport.height)) {
      throw new Error(`${what}: the drag's ${label} (${Math.round(p.x)}, ${Math.round(p.y)}) is outside the ${viewport.width}x${viewport.height} viewport`)
    }
  }
  // The handles themselves must take the mouse there, or the drag tests nothing (a node on top would be dragged instead).
  for (const [label, locator, p] of [['start', from, start], ['end', to, end]] as const) {
    const onTop = await locator.evaluate((element, point) => {
      const hit = document.elementFromPoint(point.x, point.y)
      if (hit && (hit === element || element.contains(hit))) return null
      const holder = hit?.closest('.react-flow__node')
      return `${hit ? `<${hit.tagName.toLowerCase()} class="${hit.getAttribute('class') ?? ''}">` : 'nothing'}${holder ? ` in node ${holder.getAttribute('data-id')}` : ''}`
    }, p)
    if (onTop !== null) throw new Error(`${what}: the drag's ${label} handle is covered by ${onTop} at (${Math.round(p.x)}, ${Math.round(p.y)})`)
  }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 10, start.y + 10, { steps: 3 })
  await page.mouse.move(end.x, end.y, { steps: 15 })
  await page.mouse.move(end.x, end.y) // settle on the target
  await page.mouse.up()
}

/** Every link in a native workflow, as `target.input <- source.output`. */
export function links(workflow: Workflow): string[] {
  const result: string[] = []
  for (const [id, entry] of Object.entries(workflow.nodes)) {
    for (const [input, value] of Object.entries(entry.inputs ?? {})) {
      if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') result.push(`${id}.${input} <- ${value[0]}.${value[1]}`)
    }
  }
  return result.sort()
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
export const isPng = (bytes: Uint8Array): boolean => bytes.length > 8 && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)
