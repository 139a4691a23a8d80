/**
 * @latentflow/server: the host side of Latentflow. For now the `latentflow` command line
 * (`run`, `nodes`) as functions a program or a test can call; the HTTP/WebSocket server comes next.
 */
export { runCli, createProgram } from './cli/program.js'
export { runWorkflowCommand, cliFileLocations } from './cli/run-command.js'
export type { RunCommandOptions } from './cli/run-command.js'
export { listNodesCommand } from './cli/nodes-command.js'
export type { NodesCommandOptions } from './cli/nodes-command.js'
export type { CommandEnvironment, TextSink } from './cli/command-environment.js'
export { EXIT_CODES } from './cli/exit-codes.js'
export type { ExitCode } from './cli/exit-codes.js'
export { loadWorkflow } from './cli/load-workflow.js'
export type { LoadWorkflowResult } from './cli/load-workflow.js'
export { formatIssue } from './cli/format-issue.js'
export { formatNodeList, formatInput } from './cli/format-node-list.js'
export { createRunReporter } from './cli/run-reporter.js'
export type { RunReporter, RunReporterOptions } from './cli/run-reporter.js'
export { writtenFiles, displayPath } from './cli/written-files.js'
export { writeJsonLine, eventForJson, resultLine, invalidResultLine } from './cli/json-lines.js'
export type { RunResultLine } from './cli/json-lines.js'
