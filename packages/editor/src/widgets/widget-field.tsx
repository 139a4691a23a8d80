/** The widget for one input, chosen by its kind (and `display: 'slider'`); edits go through change functions. */
import type { InputDescription, InputValue } from '@latentflow/engine'
import { setRandomizeSeed, setWidget } from '../document/change-functions'
import { useEditor } from '../editor-context'
import { BooleanWidget } from './boolean-widget'
import { ComboWidget } from './combo-widget'
import { NumberWidget } from './number-widget'
import { SeedWidget } from './seed-widget'
import { SliderWidget } from './slider-widget'
import { TextWidget } from './text-widget'

export interface WidgetFieldProps {
  readonly nodeId: string
  readonly input: InputDescription
  readonly value: InputValue | undefined
  readonly randomize: boolean
}

export function WidgetField({ nodeId, input, value, randomize }: WidgetFieldProps) {
  const { store } = useEditor()
  const commit = (next: string | number | boolean) => store.change((draft) => setWidget(draft, nodeId, input.name, next))
  switch (input.kind) {
    case 'INT':
    case 'FLOAT':
      return input.display === 'slider' ? (
        <SliderWidget input={input} value={Number(value ?? 0)} onCommit={commit} />
      ) : (
        <NumberWidget input={input} value={Number(value ?? 0)} onCommit={commit} />
      )
    case 'SEED':
      return (
        <SeedWidget
          input={input}
          value={typeof value === 'number' || typeof value === 'string' ? value : 0}
          randomize={randomize}
          onCommit={commit}
          onRandomizeChange={(on) => store.change((draft) => setRandomizeSeed(draft, nodeId, input.name, on))}
        />
      )
    case 'STRING':
      return <TextWidget input={input} value={String(value ?? '')} onCommit={commit} />
    case 'BOOLEAN':
      return <BooleanWidget input={input} value={value === true} onCommit={commit} />
    case 'COMBO':
      return <ComboWidget input={input} value={String(value ?? '')} onCommit={commit} />
    default:
      return null
  }
}
