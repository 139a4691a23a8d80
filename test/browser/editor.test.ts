/**
 * The editor in a real browser: the real server (temporary folders, port 0, the repository's
 * models) serving packages/editor/dist, driven in Debian's Chromium through playwright-core.
 * Only the editor's test contract is used: data-testids, `.react-flow__node[data-id]`, handles'
 * `data-handleid` and `window.__latentflow`. The tests share one page and run in order; each
 * one that needs a known graph loads workflows/txt2img.json first.
 *
 * Needs the editor build (`npm run build`) and /usr/bin/chromium (`apt-get install -y chromium`);
 * without either it fails, naming the fix. A screenshot of the finished run goes to
 * test-artifacts/editor-run.png, and one of the page when a test fails to
 * test-artifacts/editor-failure-*.png.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { decode } from 'fast-png'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { removeFolders, startTestServer, type TestServer } from '../../packages/server/src/server/test-support/test-server.js'
import { MODELS_DIR, REPO_ROOT } from '../repo-paths.js'
import { assertChromiumInstalled, launchChromium, type LaunchedChromium } from './launch-chromium.js'
import {
  EDITOR_DIST_DIR,
  TXT2IMG_NODE_IDS,
  assertEditorBuilt,
  connect,
  dragBetween,
  emptyCanvasPoint,
  focusCanvas,
  getWorkflow,
  inputHandle,
  isPng,
  links,
  loadWorkflow,
  node,
  outputHandle,
  setWidget,
  waitForApi,
  waitForNodes,
  widget,
  type Workflow,
} from './support/editor-page.js'

const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts')
const RUN_SCREENSHOT = path.join(ARTIFACTS_DIR, 'editor-run.png')
const TXT2IMG = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', 'txt2img.json'), 'utf8')) as Workflow
/** Set before the run, so the PNG's embedded workflow is told apart from the default graph. */
const DISTINCTIVE_PROMPT = 'a purple triangle on a white background, browser test 7c1f'
const SMALL_WORKFLOW = {
  version: 1,
  nodes: {
    text: { type: 'PrimitiveString', inputs: { value: 'hello' } },
    greeting: { type: 'SaveText', inputs: { text: ['text', 'value'], filename_prefix: 'greeting' } },
  },
  ui: { nodes: { text: { x: 0, y: 0 }, greeting: { x: 320, y: 0 } } },
}
const RUN_TIMEOUT = 90_000

let server: TestServer | undefined
let browser: LaunchedChromium | undefined
let page: Page
/** Errors the page reported (uncaught exceptions, console.error), shown when a test fails. */
const pageErrors: string[] = []
/** The PNG the editor's run produced (test 2), reused by the drop test. */
let runPng: Uint8Array | undefined
let failures = 0

beforeAll(async () => {
  // Both preconditions at once, each naming its fix.
  const missing: string[] = []
  for (const check of [assertEditorBuilt, () => assertChromiumInstalled()]) {
    try {
      check()
    } catch (error) {
      missing.push((error as Error).message)
    }
  }
  if (missing.length > 0) throw new Error(missing.join('\n'))
  browser = await launchChromium({ viewport: { width: 1600, height: 1000 } })
  page = browser.page
  page.setDefaultTimeout(30_000)
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`)
  })
  server = await startTestServer({ modelDirs: [MODELS_DIR], editorDir: EDITOR_DIST_DIR })
  await page.goto(server.url)
  await waitForApi(page)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (server) {
    await server.close()
    await removeFolders(server.folders)
  }
}, 60_000)

beforeEach(({ onTestFailed }) => {
  pageErrors.length = 0
  onTestFailed(async ({ task }) => {
    if (!browser) return
    failures += 1
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    const file = path.join(ARTIFACTS_DIR, `editor-failure-${failures}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    console.error(`[editor test] "${task.name}" failed; screenshot: ${path.relative(REPO_ROOT, file)}${pageErrors.length ? `\npage errors:\n  ${pageErrors.join('\n  ')}` : ''}`)
  })
})

/** txt2img with the columns drawn further apart, so no node can cover another's handles. */
function spreadTxt2img(): Workflow {
  const workflow = structuredClone(TXT2IMG) as Workflow & { ui: { nodes: Record<string, { x: number; y: number }> } }
  for (const layout of Object.values(workflow.ui.nodes)) layout.x *= 1.5
  return workflow
}

/** Loads the txt2img workflow (or a re-laid-out copy) through the hook and waits for its nodes. */
async function loadTxt2img(workflow: Workflow = TXT2IMG): Promise<void> {
  await loadWorkflow(page, structuredClone(workflow))
  await waitForNodes(page, TXT2IMG_NODE_IDS)
  await expect.poll(async () => links(await getWorkflow(page))).toEqual(links(TXT2IMG))
}

/** Reads a widget's committed value from the editor's workflow. */
const inputValue = async (nodeId: string, input: string) => (await getWorkflow(page)).nodes[nodeId]?.inputs[input]

describe('the editor in Chromium', () => {
  it('renders the default txt2img graph', async () => {
    await waitForNodes(page, TXT2IMG_NODE_IDS)
    for (const id of TXT2IMG_NODE_IDS) await expect(node(page, id).count(), `.react-flow__node[data-id="${id}"]`).resolves.toBe(1)
    const workflow = await getWorkflow(page)
    expect(Object.keys(workflow.nodes).sort()).toEqual([...TXT2IMG_NODE_IDS].sort())
    expect(links(workflow)).toEqual(links(TXT2IMG))
    // Every link is drawn as an edge.
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(links(TXT2IMG).length)
    // Widgets show the graph's literals.
    await expect(widget(page, 'latent', 'width').inputValue()).resolves.toBe('64')
    await expect(widget(page, 'positive', 'text').inputValue()).resolves.toBe(TXT2IMG.nodes.positive!.inputs.text)
  }, 60_000)

  it("lays out the default graph without nodes covering each other (or each other's handles)", async () => {
    await waitForNodes(page, TXT2IMG_NODE_IDS)
    const boxes = await page.evaluate((ids) => ids.map((id) => {
      const box = document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect()
      return { id, left: box.left, right: box.right, top: box.top, bottom: box.bottom }
    }), [...TXT2IMG_NODE_IDS])
    const overlaps: string[] = []
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (x > 0.5 && y > 0.5) overlaps.push(`${a.id} and ${b.id} overlap by ${Math.round(x)}x${Math.round(y)} screen px`)
      }
    }
    expect(overlaps, 'nodes of workflows/txt2img.json drawn on top of each other').toEqual([])
  }, 60_000)

  it('queues the graph and shows the PNG on the SaveImage node', async () => {
    await waitForNodes(page, TXT2IMG_NODE_IDS)
    await setWidget(page, 'positive', 'text', DISTINCTIVE_PROMPT)
    await expect.poll(() => inputValue('positive', 'text')).toBe(DISTINCTIVE_PROMPT)

    await page.locator('[data-testid="queue-button"]').click()
    const image = node(page, 'save').locator('[data-testid="output-image"]').first()
    await image.waitFor({ state: 'visible', timeout: RUN_TIMEOUT })
    await page.waitForFunction(
      (element) => element instanceof HTMLImageElement && element.complete && element.naturalWidth > 0,
      await image.elementHandle(),
      { timeout: RUN_TIMEOUT },
    )
    const src = await image.evaluate((element) => (element as HTMLImageElement).src)
    expect(src).toBeTruthy()
    // Fetched by the page, so a blob: or data: URL works as well as /view.
    const fetched = await page.evaluate(async (url) => {
      const response = await fetch(url)
      return { status: response.status, type: response.headers.get('content-type'), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) }
    }, src)
    expect(fetched.status, `GET ${src}`).toBe(200)
    const bytes = new Uint8Array(fetched.bytes)
    expect(isPng(bytes), `${src} is not a PNG (content-type ${fetched.type})`).toBe(true)
    const png = decode(bytes)
    expect([png.width, png.height]).toEqual([64, 64])
    const embedded = JSON.parse(png.text.workflow ?? 'null') as Workflow | null
    expect(embedded, 'the PNG has no tEXt "workflow"').not.toBeNull()
    expect(embedded!.nodes.positive!.inputs.text).toBe(DISTINCTIVE_PROMPT)
    runPng = bytes

    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    await page.screenshot({ path: RUN_SCREENSHOT })
    expect(statSync(RUN_SCREENSHOT).size).toBeGreaterThan(1000)
    expect(isPng(new Uint8Array(readFileSync(RUN_SCREENSHOT)))).toBe(true)
  }, 150_000)

  it('refuses a LATENT output on an IMAGE input, through the hook and with the mouse', async () => {
    await loadTxt2img(spreadTxt2img()) // the sampler's output handle must be free to grab
    const before = await getWorkflow(page)
    expect(before.nodes.save!.inputs.images).toEqual(['decode', 'image'])

    await expect(connect(page, 'sampler', 'latent', 'save', 'images')).resolves.toBe(false)
    const afterHook = await getWorkflow(page)
    expect(afterHook.nodes.save!.inputs.images).toEqual(['decode', 'image'])
    expect(links(afterHook)).toEqual(links(before))

    await dragBetween(page, outputHandle(page, 'sampler', 'latent'), inputHandle(page, 'save', 'images'), 'sampler.latent -> save.images')
    await page.waitForTimeout(300) // give a wrong connection time to land
    const afterDrag = await getWorkflow(page)
    expect(afterDrag.nodes.save!.inputs.images).toEqual(['decode', 'image'])
    expect(links(afterDrag)).toEqual(links(before))
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(links(before).length)
  }, 60_000)

  it('accepts a valid connection dragged with the mouse (the drag itself works)', async () => {
    await loadTxt2img()
    // CONDITIONING into CONDITIONING: re-links the sampler's positive input.
    await dragBetween(page, outputHandle(page, 'negative_encoded', 'conditioning'), inputHandle(page, 'sampler', 'positive'), 'negative_encoded.conditioning -> sampler.positive')
    await expect.poll(async () => (await getWorkflow(page)).nodes.sampler!.inputs.positive).toEqual(['negative_encoded', 'conditioning'])
    // And through the hook, the other way back.
    await expect(connect(page, 'positive_encoded', 'conditioning', 'sampler', 'positive')).resolves.toBe(true)
    await expect.poll(async () => links(await getWorkflow(page))).toEqual(links(TXT2IMG))
  }, 60_000)

  it('undoes and redoes a widget change, and undoes a deleted node', async () => {
    await loadTxt2img()
    await setWidget(page, 'latent', 'width', '128')
    await expect.poll(() => inputValue('latent', 'width')).toBe(128)

    await focusCanvas(page)
    await page.keyboard.press('Control+z')
    await expect.poll(() => inputValue('latent', 'width')).toBe(64)
    await expect.poll(() => widget(page, 'latent', 'width').inputValue()).toBe('64')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => inputValue('latent', 'width')).toBe(128)
    await expect.poll(() => widget(page, 'latent', 'width').inputValue()).toBe('128')

    // Delete the decoder (linked on both sides), then undo.
    const before = await getWorkflow(page)
    const decode = node(page, 'decode')
    const box = await decode.boundingBox()
    expect(box, 'the decode node has no bounding box').not.toBeNull()
    await page.mouse.click(box!.x + box!.width / 2, box!.y + 8) // its title bar, clear of widgets and handles
    await expect.poll(() => decode.getAttribute('class')).toMatch(/\bselected\b/)
    await page.keyboard.press('Delete')
    await expect.poll(() => decode.count()).toBe(0)
    const deleted = await getWorkflow(page)
    expect(deleted.nodes.decode).toBeUndefined()
    expect(deleted.nodes.save!.inputs.images).toBeUndefined()

    await focusCanvas(page)
    await page.keyboard.press('Control+z')
    await decode.waitFor({ state: 'visible' })
    await expect.poll(async () => links(await getWorkflow(page))).toEqual(links(before))
    expect((await getWorkflow(page)).nodes.decode).toMatchObject({ type: 'VAEDecode' })
  }, 60_000)

  it('shows a node error for a width that is not a multiple of 8', async () => {
    await loadTxt2img()
    await setWidget(page, 'latent', 'width', '100')
    await expect.poll(() => inputValue('latent', 'width')).toBe(100)
    await page.locator('[data-testid="queue-button"]').click()
    const error = node(page, 'latent').locator('[data-testid="node-error"]')
    await expect.poll(() => error.first().textContent({ timeout: 1000 }).catch(() => null), { timeout: 30_000 }).toMatch(/multiple of 8/)
  }, 60_000)

  it('restores the workflow embedded in a saved PNG dropped on the canvas', async () => {
    expect(runPng, 'no PNG from the run test (the queue test failed)').toBeDefined()
    await loadWorkflow(page, SMALL_WORKFLOW)
    await waitForNodes(page, ['text', 'greeting'])
    await expect.poll(() => node(page, 'sampler').count()).toBe(0)
    expect(Object.keys((await getWorkflow(page)).nodes).sort()).toEqual(['greeting', 'text'])

    const dropped = await page.evaluate((bytes) => {
      const target = document.querySelector('.react-flow')
      if (!target) return false
      const data = new DataTransfer()
      data.items.add(new File([new Uint8Array(bytes)], 'x.png', { type: 'image/png' }))
      const box = target.getBoundingClientRect()
      const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }
      target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data, ...at }))
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data, ...at }))
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data, ...at }))
      return true
    }, Array.from(runPng!))
    expect(dropped, '.react-flow is missing').toBe(true)

    await waitForNodes(page, TXT2IMG_NODE_IDS)
    await expect.poll(() => node(page, 'text').count()).toBe(0)
    const restored = await getWorkflow(page)
    expect(Object.keys(restored.nodes).sort()).toEqual([...TXT2IMG_NODE_IDS].sort())
    expect(restored.nodes.positive!.inputs.text).toBe(DISTINCTIVE_PROMPT)
    expect(links(restored)).toEqual(links(TXT2IMG))
    await expect(widget(page, 'positive', 'text').inputValue()).resolves.toBe(DISTINCTIVE_PROMPT)
  }, 60_000)

  it('wrote the screenshot of the finished run', () => {
    expect(isPng(new Uint8Array(readFileSync(RUN_SCREENSHOT)))).toBe(true)
  })
})

describe('the rest of the editor contract', () => {
  it('adds a node from the add-node dialog (double-click on the canvas, search, Enter)', async () => {
    await loadTxt2img()
    const before = Object.keys((await getWorkflow(page)).nodes)
    const { x, y } = await emptyCanvasPoint(page)
    await page.mouse.dblclick(x, y)
    const dialog = page.locator('[data-testid="add-node-dialog"]')
    await dialog.waitFor({ state: 'visible' })
    const search = dialog.locator('[data-testid="add-node-search"]')
    await search.fill('PrimitiveInt')
    await expect.poll(() => dialog.locator('[data-testid="add-node-option"]').count()).toBeGreaterThan(0)
    await expect(dialog.locator('[data-testid="add-node-option"]').first().textContent()).resolves.toMatch(/PrimitiveInt|Int/)
    await search.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(async () => Object.keys((await getWorkflow(page)).nodes).length).toBe(before.length + 1)
    const workflow = await getWorkflow(page)
    const added = Object.keys(workflow.nodes).find((id) => !before.includes(id))!
    expect(workflow.nodes[added]!.type).toBe('PrimitiveInt')
    await node(page, added).waitFor({ state: 'visible' })
  }, 60_000)

  it('undoes and redoes with the toolbar buttons', async () => {
    await loadTxt2img()
    await setWidget(page, 'scheduler', 'steps', '7')
    await expect.poll(() => inputValue('scheduler', 'steps')).toBe(7)
    await page.locator('[data-testid="undo-button"]').click()
    await expect.poll(() => inputValue('scheduler', 'steps')).toBe(20)
    await page.locator('[data-testid="redo-button"]').click()
    await expect.poll(() => inputValue('scheduler', 'steps')).toBe(7)
  }, 60_000)

  it('lists the finished run in the history panel', async () => {
    expect(runPng, 'no PNG from the run test (the queue test failed)').toBeDefined()
    const panel = page.locator('[data-testid="history-panel"]')
    await panel.waitFor({ state: 'attached' })
    // The run's thumbnail, loaded.
    await expect.poll(() => panel.locator('img').evaluateAll((images) => images.some((image) => (image as HTMLImageElement).naturalWidth > 0)), { timeout: 30_000 }).toBe(true)
  }, 60_000)

  it('opens the help panel from the help button', async () => {
    await page.locator('[data-testid="help-button"]').click()
    await page.locator('[data-testid="help-panel"]').waitFor({ state: 'visible' })
    await page.keyboard.press('Escape')
  }, 60_000)

  it('saves the workflow as JSON and opens it again through the file input', async () => {
    await loadTxt2img()
    await setWidget(page, 'negative', 'text', 'saved and opened')
    await expect.poll(() => inputValue('negative', 'text')).toBe('saved and opened')
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-button"]').click()])
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Workflow
    expect(saved.nodes.negative!.inputs.text).toBe('saved and opened')
    expect(links(saved)).toEqual(links(TXT2IMG))

    await loadWorkflow(page, SMALL_WORKFLOW)
    await waitForNodes(page, ['text', 'greeting'])
    await page.locator('[data-testid="open-file-input"]').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)) })
    await waitForNodes(page, TXT2IMG_NODE_IDS)
    await expect.poll(() => inputValue('negative', 'text')).toBe('saved and opened')
    expect(Object.keys((await getWorkflow(page)).nodes).sort()).toEqual([...TXT2IMG_NODE_IDS].sort())
  }, 60_000)

  it('opens a saved PNG through the file input', async () => {
    expect(runPng, 'no PNG from the run test (the queue test failed)').toBeDefined()
    await loadWorkflow(page, SMALL_WORKFLOW)
    await waitForNodes(page, ['text', 'greeting'])
    await page.locator('[data-testid="open-file-input"]').setInputFiles({ name: 'run.png', mimeType: 'image/png', buffer: Buffer.from(runPng!) })
    await waitForNodes(page, TXT2IMG_NODE_IDS)
    await expect.poll(() => inputValue('positive', 'text')).toBe(DISTINCTIVE_PROMPT)
  }, 60_000)
})
