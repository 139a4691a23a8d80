/** Finds the cycles of a workflow's link graph (Tarjan's algorithm, iterative: no stack limits). */
import { isLink, type Workflow } from './workflow.js'

/** Each cycle as the ids of its nodes (strongly connected components with a loop). */
export function findCycles(workflow: Workflow): string[][] {
  const ids = Object.keys(workflow.nodes)
  const successors = new Map<string, string[]>()
  for (const id of ids) successors.set(id, [])
  for (const [id, node] of Object.entries(workflow.nodes)) {
    for (const value of Object.values(node.inputs)) {
      if (isLink(value) && successors.has(value[0])) successors.get(value[0])!.push(id)
    }
  }

  const index = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const cycles: string[][] = []
  let counter = 0

  for (const root of ids) {
    if (index.has(root)) continue
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }]
    index.set(root, counter)
    lowLink.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      const edges = successors.get(frame.id)!
      if (frame.next < edges.length) {
        const successor = edges[frame.next++]!
        if (!index.has(successor)) {
          index.set(successor, counter)
          lowLink.set(successor, counter++)
          stack.push(successor)
          onStack.add(successor)
          work.push({ id: successor, next: 0 })
        } else if (onStack.has(successor)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, index.get(successor)!))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!))
      if (lowLink.get(frame.id) !== index.get(frame.id)) continue
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.id)
      const selfLoop = component.length === 1 && edges.includes(frame.id)
      if (component.length > 1 || selfLoop) cycles.push(component.reverse())
    }
  }
  return cycles
}
