/**
 * Human-readable progress of a run: one line per node that finished or came from the cache,
 * and, on a terminal, a cli-progress bar while a node reports progress (plain lines elsewhere).
 */
import cliProgress from 'cli-progress'
import type { ExecutionEvent, Workflow } from '@latentflow/engine'
import type { TextSink } from './command-environment.js'

export interface RunReporter {
  onEvent(event: ExecutionEvent): void
  /** Removes a bar still drawn (after an error or an interrupt). */
  close(): void
}

export interface RunReporterOptions {
  readonly sink: TextSink
  /** Names node types in the lines. */
  readonly workflow: Workflow
  /** @default Date.now */
  readonly now?: () => number
}

export function createRunReporter({ sink, workflow, now = Date.now }: RunReporterOptions): RunReporter {
  const tty = sink.isTTY === true
  const label = (id: string) => {
    const type = Object.hasOwn(workflow.nodes, id) ? workflow.nodes[id]!.type : undefined
    return type ? `${id} (${type})` : id
  }
  const line = (text: string) => sink.write(`${text}\n`)
  let running: { id: string; started: number } | undefined
  let bar: cliProgress.SingleBar | undefined

  const stopBar = () => {
    bar?.stop()
    bar = undefined
  }
  const finishRunning = () => {
    stopBar()
    if (running) line(`done     ${label(running.id)} in ${now() - running.started} ms`)
    running = undefined
  }
  const showProgress = (node: string, value: number, max: number) => {
    if (!tty) {
      line(`progress ${label(node)} ${value}/${max}`)
      return
    }
    if (!bar) {
      bar = new cliProgress.SingleBar(
        {
          // cli-progress only needs write, isTTY and columns.
          stream: sink as unknown as NodeJS.WritableStream,
          format: `${label(node)} [{bar}] {value}/{total}`,
          clearOnComplete: true,
          hideCursor: false, // a second Ctrl+C exits at once; never leave the cursor hidden
        },
        cliProgress.Presets.shades_classic,
      )
      bar.start(max, value)
      return
    }
    if (bar.getTotal() !== max) bar.setTotal(max)
    bar.update(value)
  }

  return {
    onEvent(event) {
      switch (event.type) {
        case 'execution_cached':
          for (const id of event.data.nodes) line(`cached   ${label(id)}`)
          break
        case 'executing':
          finishRunning()
          if (event.data.node !== null) running = { id: event.data.node, started: now() }
          break
        case 'progress':
          showProgress(event.data.node, event.data.value, event.data.max)
          break
        case 'node_log':
          stopBar()
          line(`log      ${label(event.data.node)}: ${event.data.message}`)
          break
        case 'execution_success':
          finishRunning()
          break
        case 'execution_error':
        case 'execution_interrupted':
          stopBar()
          running = undefined
          break
        default:
          break
      }
    },
    close: stopBar,
  }
}
