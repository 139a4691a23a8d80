/** Paths shared by the cross-package tests. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
/** The shipped models (override with LATENTFLOW_TEST_MODELS to test another export). */
export const MODELS_DIR = process.env.LATENTFLOW_TEST_MODELS ?? path.join(REPO_ROOT, 'models')
/** Read-only reference data beside the repository (tests may read it; the product may not). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared')
