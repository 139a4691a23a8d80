/**
 * Primitive nodes, as in ComfyUI (PrimitiveInt, PrimitiveFloat, PrimitiveString,
 * PrimitiveBoolean): one widget `value`, passed through to one output of the same type,
 * so a single value can feed several inputs.
 */
import { boolean, defineNode, float, int, string } from '@latentflow/engine'

const CATEGORY = 'utils/primitive'

export const PrimitiveInt = defineNode({
  type: 'PrimitiveInt',
  title: 'Int',
  category: CATEGORY,
  description: 'An integer, to link into several inputs.',
  inputs: { value: int({ default: 0, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) },
  outputs: { value: 'INT' },
  run: ({ value }) => ({ value }),
})

export const PrimitiveFloat = defineNode({
  type: 'PrimitiveFloat',
  title: 'Float',
  category: CATEGORY,
  description: 'A number, to link into several inputs.',
  inputs: { value: float({ default: 0 }) },
  outputs: { value: 'FLOAT' },
  run: ({ value }) => ({ value }),
})

export const PrimitiveString = defineNode({
  type: 'PrimitiveString',
  title: 'String',
  category: CATEGORY,
  description: 'Text (several lines allowed), to link into several inputs.',
  inputs: { value: string({ default: '', multiline: true }) },
  outputs: { value: 'STRING' },
  run: ({ value }) => ({ value }),
})

export const PrimitiveBoolean = defineNode({
  type: 'PrimitiveBoolean',
  title: 'Boolean',
  category: CATEGORY,
  description: 'True or false, to link into several inputs.',
  inputs: { value: boolean({ default: false }) },
  outputs: { value: 'BOOLEAN' },
  run: ({ value }) => ({ value }),
})
