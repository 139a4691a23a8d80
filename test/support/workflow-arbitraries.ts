/**
 * fast-check arbitraries for adversarial workflow JSON: random trees written as JSON text (so
 * `__proto__` arrives as an own key, as it does from the network), random workflows in both
 * formats, and valid workflows built from a registry's descriptions.
 */
import fc from 'fast-check'
import { describeRegistry, FORBIDDEN_NAMES, type InputDescription, type NodeRegistry } from '@latentflow/engine'

/** A JSON value whose objects are entry lists, so keys such as `__proto__` survive until parsed. */
export type JsonTree =
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonTree])[] }
  | { readonly kind: 'array'; readonly items: readonly JsonTree[] }
  | { readonly kind: 'raw'; readonly text: string }

export const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'polluted'] as const

const raw = (text: string): JsonTree => ({ kind: 'raw', text })
const object = (entries: readonly (readonly [string, JsonTree])[]): JsonTree => ({ kind: 'object', entries })
const array = (items: readonly JsonTree[]): JsonTree => ({ kind: 'array', items })

/** The tree as JSON text (duplicate keys kept: the parser's last-wins applies). */
export function jsonText(tree: JsonTree): string {
  switch (tree.kind) {
    case 'raw':
      return tree.text
    case 'array':
      return `[${tree.items.map(jsonText).join(',')}]`
    case 'object':
      return `{${tree.entries.map(([key, value]) => `${JSON.stringify(key)}:${jsonText(value)}`).join(',')}}`
  }
}

export const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DANGEROUS_KEYS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '0', '-1', '1e3', 'a.b', 'a/b', '../x', '\u0000', '\u{1F600}') },
)

/** Numbers JSON can spell that JavaScript handles badly: huge, tiny, negative zero, past 2^53. */
const numberTextArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.constantFrom('1e308', '1e309', '-1e309', '-0', '0.1e-400', '18446744073709551615', '18446744073709551616', '9007199254740993', '123456789012345678901234567890'),
)

const stringTextArb = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', 'null', 'undefined', 'true', '0x10', ' 12 ', '', '__proto__', '../../etc/passwd', 'C:\\Windows\\win.ini'),
  fc.integer({ min: 1000, max: 30_000 }).map((length) => 'x'.repeat(length)),
).map((text) => JSON.stringify(text))

export const scalarArb: fc.Arbitrary<JsonTree> = fc.oneof(numberTextArb, stringTextArb, fc.constantFrom('true', 'false', 'null')).map(raw)

/** Any JSON value, objects keyed with dangerous names among others. */
export const jsonTreeArb: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('tree'), { maxLength: 4 }).map(array),
    fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 4 }).map(object),
  ),
})).tree

/** An array (or `{"__proto__": ...}` object) nested `depth` levels deep, as JSON text. */
export function deepJson(depth: number, objects: boolean): string {
  return objects ? `${'{"__proto__":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`
}

/** Random native or ComfyUI-format workflows over the registry's types and ids that may be dangerous or dangling. */
export function randomWorkflowArb(registry: NodeRegistry): fc.Arbitrary<JsonTree> {
  const description = describeRegistry(registry)
  const types = description.nodes.map((node) => node.type)
  const inputNames = [...new Set(description.nodes.flatMap((node) => node.inputs.map((input) => input.name)))]
  const outputNames = [...new Set(description.nodes.flatMap((node) => node.outputs.map((output) => output.name)))]
  return fc.uniqueArray(keyArb, { minLength: 0, maxLength: 8 }).chain((ids) => {
    const idArb = ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), keyArb) : keyArb
    const linkArb = fc.tuple(idArb, fc.oneof(fc.constantFrom(...outputNames, 'missing'), fc.integer({ min: -2, max: 5 }).map(String), keyArb)).map(([id, output]) =>
      array([raw(JSON.stringify(id)), /^-?\d+$/.test(output) ? raw(output) : raw(JSON.stringify(output))]))
    const valueArb = fc.oneof({ weight: 3, arbitrary: scalarArb }, { weight: 3, arbitrary: linkArb }, { weight: 1, arbitrary: jsonTreeArb })
    const inputsArb = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...inputNames), keyArb), valueArb), { maxLength: 6 }).map(object)
    const typeArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...types) }, { weight: 1, arbitrary: keyArb })
    const nativeNode = fc.tuple(typeArb, inputsArb, fc.option(scalarArb), fc.boolean()).map(([type, inputs, version, withVersion]) =>
      object([['type', raw(JSON.stringify(type))], ['inputs', inputs], ...(withVersion && version ? [['version', version] as const] : [])]))
    const comfyNode = fc.tuple(typeArb, inputsArb).map(([type, inputs]) => object([['class_type', raw(JSON.stringify(type))], ['inputs', inputs]]))
    const nodesOf = (node: fc.Arbitrary<JsonTree>) => fc.tuple(...ids.map((id) => node.map((tree) => [id, tree] as const))).map((entries) => object(entries))
    const native = fc.tuple(nodesOf(nativeNode), fc.oneof(fc.constant(raw('1')), scalarArb)).map(([nodes, version]) => object([['version', version], ['nodes', nodes]]))
    const comfy = nodesOf(comfyNode)
    return fc.oneof(native, comfy, nodesOf(jsonTreeArb).map((nodes) => object([['version', raw('1')], ['nodes', nodes]])))
  })
}

/** A value this widget accepts: its default, or for numbers one of a few values in range. */
function validWidgetValueArb(input: InputDescription, randomNumbers: boolean): fc.Arbitrary<unknown> {
  const fallback = fc.constant(input.default ?? (input.kind === 'STRING' ? '' : input.kind === 'BOOLEAN' ? false : input.min ?? 0))
  if (!randomNumbers) return input.kind === 'COMBO' && input.options && input.options.length > 0 ? fc.constantFrom(...input.options) : fallback
  switch (input.kind) {
    case 'INT': {
      const min = input.min ?? -1000
      const max = input.max ?? 1000
      return fc.integer({ min, max })
    }
    case 'STRING':
      return fc.string({ maxLength: input.maxLength ?? 50 }).filter((text) => text.length <= (input.maxLength ?? 50))
    case 'BOOLEAN':
      return fc.boolean()
    case 'COMBO':
      return input.options && input.options.length > 0 ? fc.constantFrom(...input.options) : fallback
    default:
      return fallback
  }
}

/**
 * A valid native workflow: a random chain of nodes whose socket inputs link to earlier nodes'
 * outputs of the right type, ending with an output node. `types` limits the node types used.
 */
export function validWorkflowArb(registry: NodeRegistry, options: { types?: readonly string[]; randomNumbers?: boolean; ids?: fc.Arbitrary<string> } = {}): fc.Arbitrary<unknown> {
  const nodes = describeRegistry(registry).nodes.filter((node) => !options.types || options.types.includes(node.type))
  // Object.prototype's other names are fine ids; only FORBIDDEN_NAMES are refused by design.
  const idArb = options.ids ?? fc.constantFrom(...DANGEROUS_KEYS.filter((key) => !FORBIDDEN_NAMES.has(key)), 'a', 'b', 'node 1', '0')
  return fc.array(fc.tuple(fc.nat(), idArb, fc.array(fc.nat(), { minLength: 16, maxLength: 16 })), { minLength: 1, maxLength: 10 }).chain((picks) => {
    const built: { id: string; type: string; outputs: { name: string; type: string }[] }[] = []
    const plan: { id: string; type: string; inputs: Record<string, fc.Arbitrary<unknown>> }[] = []
    const used = new Set<string>()
    for (const [pick, wantedId, choices] of picks) {
      const id = used.has(wantedId) ? `${wantedId}_${used.size}` : wantedId
      const candidates = nodes.filter((node) => node.inputs.every((input) => input.optional || !(input.kind === 'SOCKET') || built.some((b) => b.outputs.some((o) => o.type === input.type || input.type === '*'))))
      if (candidates.length === 0) continue
      const node = candidates[pick % candidates.length]!
      const inputs: Record<string, fc.Arbitrary<unknown>> = {}
      node.inputs.forEach((input, i) => {
        if (input.kind === 'SOCKET') {
          const sources = built.flatMap((b) => b.outputs.filter((o) => o.type === input.type || input.type === '*').map((o) => [b.id, o.name] as const))
          if (sources.length > 0) inputs[input.name] = fc.constant(sources[choices[i % choices.length]! % sources.length])
        } else inputs[input.name] = validWidgetValueArb(input, options.randomNumbers ?? false)
      })
      used.add(id)
      built.push({ id, type: node.type, outputs: node.outputs.map((o) => ({ name: o.name, type: o.type })) })
      plan.push({ id, type: node.type, inputs })
    }
    const output = nodes.find((node) => node.output && node.inputs.every((input) => input.kind !== 'SOCKET' || input.optional || built.some((b) => b.outputs.some((o) => o.type === input.type || input.type === '*'))))
    if (output) {
      const inputs: Record<string, fc.Arbitrary<unknown>> = {}
      for (const input of output.inputs) {
        if (input.kind === 'SOCKET') {
          const source = built.flatMap((b) => b.outputs.filter((o) => o.type === input.type || input.type === '*').map((o) => [b.id, o.name] as const))[0]
          if (source) inputs[input.name] = fc.constant(source)
        } else inputs[input.name] = validWidgetValueArb(input, false)
      }
      plan.push({ id: `out_${plan.length}`, type: output.type, inputs })
    }
    return fc.tuple(...plan.map((node) => fc.record(node.inputs).map((inputs) => [node.id, { type: node.type, inputs }] as const))).map((entries) => {
      const nodesObject: Record<string, unknown> = {}
      // defineProperty: a node id of "__proto__" must be an own key, as JSON.parse makes it.
      for (const [id, node] of entries) Object.defineProperty(nodesObject, id, { value: node, enumerable: true, writable: true, configurable: true })
      return { version: 1, nodes: nodesObject }
    })
  })
}
