/** The `latentflow` process: real streams, the built-in nodes, Ctrl+C interrupts the run. */
import { createDefaultRegistry } from '@latentflow/nodes'
import { EXIT_CODES } from './exit-codes.js'
import { runCli } from './program.js'

const controller = new AbortController()
// SIGINT (Ctrl+C) and SIGTERM (service managers, `docker stop`, `kill`) both stop gracefully:
// `serve` stops accepting, interrupts the running prompt (it stays queued), closes the
// database and exits 0; `run` interrupts its workflow. A second signal quits at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(EXIT_CODES.interrupted)
    process.stderr.write(signal === 'SIGINT' ? '\nInterrupting... (Ctrl+C again to quit at once)\n' : 'Stopping (SIGTERM)...\n')
    controller.abort()
  })
}

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
