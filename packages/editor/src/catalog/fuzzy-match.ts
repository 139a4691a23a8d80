/** Fuzzy search for the add-node dialog: every query character in order, closer and earlier is better. */
import type { NodeDescription } from '@latentflow/engine'

/** A score for `query` in `text` (higher is better), or null when it does not match. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '')
  const t = text.toLowerCase()
  if (q === '') return 0
  const direct = t.indexOf(q)
  if (direct >= 0) return 1000 - direct * 2 - (t.length - q.length) * 0.1
  let score = 0
  let at = -1
  for (const char of q) {
    const next = t.indexOf(char, at + 1)
    if (next < 0) return null
    score += next === at + 1 ? 10 : 1
    if (next === 0 || /[\s_/-]/.test(t[next - 1]!)) score += 5
    at = next
  }
  return score - t.length * 0.1
}

/** Node types matching `query`, best first. */
export function searchNodes(nodes: readonly NodeDescription[], query: string): NodeDescription[] {
  const scored: { node: NodeDescription; score: number }[] = []
  for (const node of nodes) {
    const scores = [fuzzyScore(query, node.title), fuzzyScore(query, node.type), fuzzyScore(query, `${node.category} ${node.title}`)]
    const best = Math.max(...scores.map((score) => score ?? -Infinity))
    if (best > -Infinity) scored.push({ node, score: best })
  }
  return scored.sort((a, b) => b.score - a.score).map((entry) => entry.node)
}
