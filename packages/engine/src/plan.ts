/** Step 2: only the ancestors of the output nodes, in topological order. */
import type { NodeRegistry } from './registry.js'
import { getOwn } from './own-property.js'
import { isLink, type Workflow } from './workflow.js'

export interface ExecutionPlan {
  /** Every node the outputs depend on (the outputs included), dependencies first. */
  readonly order: readonly string[]
  /** The output nodes to produce. */
  readonly outputs: readonly string[]
}

/**
 * Plans a validated workflow. `targets` picks some output nodes (partial execution);
 * by default every output node is planned. Throws for a target that is not in the workflow.
 */
export function planExecution(workflow: Workflow, registry: NodeRegistry, targets?: readonly string[]): ExecutionPlan {
  const outputs = targets ?? Object.keys(workflow.nodes).filter((id) => registry.get(workflow.nodes[id]!.type)?.output)
  for (const id of outputs) if (!getOwn(workflow.nodes, id)) throw new Error(`Output node "${id}" is not in the workflow`)

  // Iterative depth-first post-order: a node is emitted after all of its inputs.
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  for (const target of outputs) {
    if (state.has(target)) continue
    const stack: { id: string; upstream: string[]; next: number }[] = [{ id: target, upstream: upstreamOf(workflow, target), next: 0 }]
    state.set(target, 'visiting')
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!
      if (frame.next < frame.upstream.length) {
        const dependency = frame.upstream[frame.next++]!
        if (state.has(dependency)) continue // done, or a cycle (validation reports cycles)
        state.set(dependency, 'visiting')
        stack.push({ id: dependency, upstream: upstreamOf(workflow, dependency), next: 0 })
      } else {
        stack.pop()
        state.set(frame.id, 'done')
        order.push(frame.id)
      }
    }
  }
  return { order, outputs }
}

/** The ids of the nodes linked into a node's inputs, in input order, without repeats. */
export function upstreamOf(workflow: Workflow, id: string): string[] {
  const node = workflow.nodes[id]!
  const upstream: string[] = []
  for (const value of Object.values(node.inputs)) {
    if (isLink(value) && !upstream.includes(value[0]) && getOwn(workflow.nodes, value[0])) upstream.push(value[0])
  }
  return upstream
}
