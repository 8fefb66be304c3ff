/**
 * The exit statuses a script can rely on: 0 done; 1 a bug in cbsim (an
 * internal error, with a line asking for a report); 2 bad input, option or
 * output path (refused before any simulation starts, or a file that could not
 * be written after it); 3 the command ran but its goal was not met (`tune`
 * found no setting under the ceiling).
 */
export const EXIT_STATUS = { done: 0, bug: 1, badInput: 2, goalNotMet: 3 } as const;

/** An error the CLI reports as a plain message with an exit status (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    /** Process exit status: 2 for bad input, an option or a path, 3 for a goal not met (see {@link EXIT_STATUS}). */
    readonly exitCode: number = EXIT_STATUS.badInput,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
