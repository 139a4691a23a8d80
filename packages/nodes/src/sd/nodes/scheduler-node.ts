/** Scheduler: name, steps and Karras sigmas with the model's scheduler config -> SCHEDULER. */
import { boolean, combo, defineNode, input, int } from '@latentflow/engine'
import { createScheduler, SCHEDULER_NAMES } from '../../schedulers/index.js'

export const SchedulerNode = defineNode({
  type: 'Scheduler',
  title: 'Scheduler',
  category: 'sampling',
  description: "A diffusers scheduler over the model's scheduler_config.json; the sampler makes a fresh one for every run.",
  inputs: {
    model: input('MODEL'),
    name: combo(SCHEDULER_NAMES, { default: 'euler' }),
    steps: int({ default: 20, min: 1, max: 1000 }),
    karras: boolean({ default: false, tooltip: 'Karras sigmas (use_karras_sigmas)' }),
  },
  outputs: { scheduler: 'SCHEDULER' },
  run({ model, name, steps, karras }) {
    const config = model.folder.schedulerConfig
    // Fail here, naming the node, rather than in the sampler: build one and set its steps.
    createScheduler(name, config, { karras }).setTimesteps(steps)
    return { scheduler: Object.freeze({ name, steps, karras, config }) }
  },
})
