/**
 * Why a machine cannot be compiled. The message always has the form
 *
 *     machine "<id>", state "<state>": <feature> is not supported by the compiled engine
 *
 * where `<state>` is the state's key (`(root)` for the machine itself), so
 * that a refusal at start-up names what to change.
 */
export class CompileError extends Error {
  override readonly name = 'CompileError';

  /**
   * @param machine the machine's id
   * @param state the state's key, or `(root)`
   * @param feature what the compiled engine does not support, e.g. `nested states`
   */
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly feature: string,
  ) {
    super(`machine "${machine}", state "${state}": ${feature} is not supported by the compiled engine`);
  }
}
