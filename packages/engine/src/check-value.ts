/** Checks one literal widget value against its declaration. */
import { comboOptions, type WidgetInput } from './inputs.js'
import { describeNode, type ValidationIssue } from './issues.js'
import { parseSeed } from './seed.js'
import { showValue } from './show-value.js'

const MAX_OPTIONS_IN_MESSAGE = 20

export function checkWidgetValue(
  node: string,
  nodeType: string,
  input: string,
  spec: WidgetInput,
  value: unknown,
): ValidationIssue | undefined {
  const where = `${describeNode(node, nodeType)}: input "${input}"`
  const base = { node, nodeType, input, received: value }
  const wrongKind = (expected: string): ValidationIssue => ({
    ...base,
    code: 'invalid_value',
    expected,
    message: `${where} must be ${expected}, got ${showValue(value)}`,
  })
  const outOfRange = (expected: unknown, rule: string): ValidationIssue => ({
    ...base,
    code: 'out_of_range',
    expected,
    message: `${where} ${rule}, got ${showValue(value)}`,
  })

  switch (spec.kind) {
    case 'INT':
    case 'FLOAT': {
      const isInt = spec.kind === 'INT'
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongKind(isInt ? 'an integer' : 'a number')
      if (isInt && !Number.isInteger(value)) return wrongKind('an integer')
      if (spec.min !== undefined && value < spec.min) return outOfRange({ min: spec.min }, `must be at least ${spec.min}`)
      if (spec.max !== undefined && value > spec.max) return outOfRange({ max: spec.max }, `must be at most ${spec.max}`)
      if (spec.kind === 'INT' && spec.multipleOf !== undefined && value % spec.multipleOf !== 0) {
        return outOfRange({ multipleOf: spec.multipleOf }, `must be a multiple of ${spec.multipleOf}`)
      }
      return undefined
    }
    case 'STRING':
      if (typeof value !== 'string') return wrongKind('text')
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        return { ...base, received: `${value.length} characters`, code: 'out_of_range', expected: { maxLength: spec.maxLength },
          message: `${where} must be at most ${spec.maxLength} characters, got ${value.length}` }
      }
      return undefined
    case 'BOOLEAN':
      return typeof value === 'boolean' ? undefined : wrongKind('true or false')
    case 'COMBO': {
      const options = comboOptions(spec)
      if (typeof value === 'string' && options.includes(value)) return undefined
      const shown = options.slice(0, MAX_OPTIONS_IN_MESSAGE).map((option) => JSON.stringify(option)).join(', ')
      const more = options.length > MAX_OPTIONS_IN_MESSAGE ? `, ... (${options.length} in all)` : ''
      return {
        ...base,
        code: 'value_not_in_options',
        expected: options,
        message: options.length === 0
          ? `${where} has no options available, got ${showValue(value)}`
          : `${where} must be one of ${shown}${more}; got ${showValue(value)}`,
      }
    }
    case 'SEED': {
      if (parseSeed(value) !== undefined) return undefined
      if (typeof value === 'number' && Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER) {
        return outOfRange('0..2^64-1', 'is above 2^53, where JSON numbers lose precision: write the seed as a decimal string')
      }
      if ((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))) {
        return outOfRange('0..18446744073709551615', 'must be a seed between 0 and 18446744073709551615')
      }
      return wrongKind('a seed (a whole number, or a decimal string for seeds above 2^53)')
    }
  }
}
