/**
 * @latentflow/engine: the framework-free core of Latentflow. Node definitions, the workflow
 * format and its ComfyUI converter, validation, planning, caching and the executor.
 * No I/O, no ONNX Runtime, no runtime dependencies: it runs in Node and in browsers.
 */
export { defineNode, outputType, FORBIDDEN_NAMES } from './define-node.js'
export type { NodeDefinition, AnyNodeDefinition, NodeDeclaration, NodeInputs, NodeOutputs, OutputSpec, WidgetValues, NodeValueProblem } from './define-node.js'

export { int, float, string, boolean, combo, seed, input, comboOptions, widgetDefault, isWidget, linkTypesForWidget } from './inputs.js'
export type { InputSpec, WidgetInput, WidgetKind, IntInput, FloatInput, StringInput, BooleanInput, ComboInput, SeedInput, SocketInput, InputValueOf } from './inputs.js'

export { defineSocketType, BUILTIN_SOCKET_TYPES } from './socket-types.js'
export type { SocketType, SocketValueMap, SocketValue } from './socket-types.js'

export { createRegistry, DuplicateNodeTypeError } from './registry.js'
export type { NodeRegistry, RegistryOptions } from './registry.js'

export { definePlugin, checkPluginCompatibility, pluginShapeProblem, PLUGIN_API_VERSION } from './plugin.js'
export type { PluginDefinition } from './plugin.js'

export { runNode } from './run-node.js'
export type { RunNodeOptions, RunNodeResult } from './run-node.js'

export { describeRegistry, describeNodeDefinition, describeInput } from './describe.js'
export type { NodeDescription, InputDescription, OutputDescription, RegistryDescription } from './describe.js'

export type { NodeContext, HostServices, PreviewImage, UiOutput } from './node-context.js'

export { WORKFLOW_FORMAT_VERSION, isLink } from './workflow.js'
export type { Workflow, WorkflowNode, WorkflowUi, NodeLayout, Link, InputValue } from './workflow.js'

export { FORMAT_MIGRATIONS, migrateFormat } from './migrate.js'
export type { FormatMigration } from './migrate.js'

export { fromComfyApi, toComfyApi, isComfyApiPrompt } from './comfy-format.js'
export type { ComfyApiPrompt, ComfyApiNode, ComfyInputValue } from './comfy-format.js'

export { readWorkflow } from './read-workflow.js'
export type { ReadWorkflowResult, ReadWorkflowOptions, WorkflowFormat } from './read-workflow.js'

export { validateWorkflow, ANY_SOCKET_TYPE } from './validate.js'
export type { ValidationResult, ValidateOptions } from './validate.js'

export { ISSUE_CODES, WorkflowValidationError, formatIssues } from './issues.js'
export type { IssueCode, ValidationIssue } from './issues.js'

export { planExecution } from './plan.js'
export type { ExecutionPlan } from './plan.js'

export { computeCacheKeys, stableStringify } from './cache-key.js'
export { LruOutputCache, NoOutputCache, DEFAULT_CACHE_BYTES } from './cache.js'
export type { OutputCache, CacheEntry, CacheStats } from './cache.js'
export { approximateBytes, APPROXIMATE_BYTES } from './approximate-bytes.js'

export { isEvent } from './events.js'
export type {
  ExecutionEvent,
  ExecutionEventType,
  ExecutionStartEvent,
  ExecutionCachedEvent,
  ExecutingEvent,
  ProgressEvent,
  ExecutedEvent,
  ExecutionSuccessEvent,
  ExecutionErrorEvent,
  ExecutionInterruptedEvent,
  NodeLogEvent,
} from './events.js'

export { createExecutor } from './execute.js'
export type { Executor, ExecutorOptions, RunOptions, RunResult, RunStatus, NodeFailure } from './execute.js'

export { parseOverride, applyOverrides } from './overrides.js'
export type { Override } from './overrides.js'

export { parseSeed, seedToJson, MAX_SEED } from './seed.js'
export { hash128 } from './hash.js'
