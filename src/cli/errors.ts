/** An error the CLI reports as a plain message with an exit status (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    /** Process exit status: 2 for bad input or usage, 1 for failures. */
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
