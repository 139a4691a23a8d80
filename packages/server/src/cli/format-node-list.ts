/** The text `latentflow nodes` prints: node types by category, with their inputs and outputs. */
import type { InputDescription, NodeDescription, RegistryDescription } from '@latentflow/engine'
import type { PluginReport } from '../plugins/plugin-report.js'

export function formatNodeList(description: RegistryDescription): string {
  const byCategory = new Map<string, NodeDescription[]>()
  for (const node of description.nodes) {
    const list = byCategory.get(node.category) ?? []
    list.push(node)
    byCategory.set(node.category, list)
  }
  const lines: string[] = []
  for (const category of [...byCategory.keys()].sort()) {
    lines.push(`${category}/`)
    for (const node of byCategory.get(category)!) {
      const title = node.title !== node.type ? ` "${node.title}"` : ''
      const flags = [node.output ? 'output node' : '', node.plugin ? `plugin ${node.plugin}` : ''].filter(Boolean)
      lines.push(`  ${node.type}${title}${flags.length > 0 ? ` [${flags.join(', ')}]` : ''}`)
      if (node.description) lines.push(`    ${node.description}`)
      for (const input of node.inputs) lines.push(`    in   ${formatInput(input)}`)
      for (const output of node.outputs) lines.push(`    out  ${output.name}: ${output.type}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** `width: INT = 512, 64..4096, step 8` and the like. */
export function formatInput(input: InputDescription): string {
  const details: string[] = []
  if (input.default !== undefined) details.push(`default ${JSON.stringify(input.default)}`)
  if (input.min !== undefined || input.max !== undefined) details.push(`range ${input.min ?? '-inf'}..${input.max ?? 'inf'}`)
  if (input.step !== undefined) details.push(`step ${input.step}`)
  if (input.multipleOf !== undefined) details.push(`multiple of ${input.multipleOf}`)
  if (input.options !== undefined) details.push(`one of ${input.options.map((option) => JSON.stringify(option)).join(' | ')}`)
  if (input.maxLength !== undefined) details.push(`at most ${input.maxLength} characters`)
  if (input.multiline) details.push('multiline')
  if (input.optional) details.push('optional')
  return `${input.name}: ${input.type}${details.length > 0 ? `  (${details.join(', ')})` : ''}`
}

/** The plugins section: each plugin loaded with its nodes, each failed one with its reason; empty without plugins. */
export function formatPluginReport(report: PluginReport): string {
  if (report.loaded.length === 0 && report.failed.length === 0) return ''
  const lines = ['', 'plugins:']
  for (const plugin of report.loaded) lines.push(`  ${plugin.name} ${plugin.version}  ${plugin.path}`, `    nodes: ${plugin.nodes.join(', ') || 'none'}`)
  for (const failure of report.failed) lines.push(`  FAILED ${failure.name ?? '(unnamed)'}  ${failure.path}`, `    ${failure.error}`)
  return `${lines.join('\n')}\n`
}
