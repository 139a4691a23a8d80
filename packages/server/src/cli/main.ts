/** The `latentflow` process: real streams, the built-in nodes, Ctrl+C interrupts the run. */
import { createDefaultRegistry } from '@latentflow/nodes'
import { EXIT_CODES } from './exit-codes.js'
import { runCli } from './program.js'

const controller = new AbortController()
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(EXIT_CODES.interrupted) // a second Ctrl+C: quit now
  process.stderr.write('\nInterrupting... (Ctrl+C again to quit at once)\n')
  controller.abort()
})

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    registry: (folders) => createDefaultRegistry(folders),
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    signal: controller.signal,
  })
} catch (error) {
  process.stderr.write(`latentflow: unexpected error: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = EXIT_CODES.failure
}
