/**
 * Launches Debian's Chromium (never a downloaded browser) through playwright-core, headless,
 * with a fresh temporary profile. Shared by the browser tests.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** The system Chromium (override with LATENTFLOW_CHROMIUM). */
export const CHROMIUM_PATH = process.env.LATENTFLOW_CHROMIUM ?? '/usr/bin/chromium'
/** What installs it on Debian or Ubuntu (as root). */
export const CHROMIUM_INSTALL_COMMAND = 'apt-get update -qq && apt-get install -y -qq chromium'

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export class ChromiumMissingError extends Error {
  constructor(executable: string) {
    super(`Chromium is not installed at ${executable}: the browser tests need it. Install it with (as root): ${CHROMIUM_INSTALL_COMMAND}`)
    this.name = 'ChromiumMissingError'
  }
}

export interface LaunchedChromium {
  readonly context: BrowserContext
  /** The first page of the persistent context. */
  readonly page: Page
  readonly userDataDir: string
  /** Closes the browser and removes its profile. */
  close(): Promise<void>
}

/** Throws ChromiumMissingError, naming the install command, when the executable is missing. */
export function assertChromiumInstalled(executable: string = CHROMIUM_PATH): void {
  if (!existsSync(executable)) throw new ChromiumMissingError(executable)
}

export async function launchChromium(options: { executable?: string; viewport?: { width: number; height: number } } = {}): Promise<LaunchedChromium> {
  const executable = options.executable ?? CHROMIUM_PATH
  assertChromiumInstalled(executable)
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'latentflow-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: executable,
      args: [...CHROMIUM_ARGS],
      headless: true,
      viewport: options.viewport ?? { width: 1600, height: 1000 },
      acceptDownloads: true,
    })
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true })
    throw error
  }
  const page = context.pages()[0] ?? (await context.newPage())
  let closing: Promise<void> | undefined
  return {
    context,
    page,
    userDataDir,
    close() {
      closing ??= (async () => {
        try {
          await context.close()
        } finally {
          await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 })
        }
      })()
      return closing
    },
  }
}
