/** The `latentflow` process exit codes. */
export const EXIT_CODES = {
  /** The workflow ran (or the command did its job). */
  success: 0,
  /** A node failed while running. */
  failure: 1,
  /** The workflow is invalid or unreadable, or the command line is wrong. */
  invalid: 2,
  /** Interrupted with Ctrl+C (128 + SIGINT). */
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES]
