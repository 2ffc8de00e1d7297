import type { CodedError } from "./errors";

/**
 * The code step of the account dialog (verifyEmail). When the e-mail's code is
 * entered from another browser (or session) than the one that registered, the
 * CMS asks for the password given at registration (README, "verifyEmail"):
 * PASSWORD_REQUIRED. The step then shows a password field and sends it with the
 * code; a wrong one is INVALID_CREDENTIALS, and the field stays.
 */
export type CodeStep = { askPassword: boolean };

export function afterVerifyError(step: CodeStep, error: CodedError): CodeStep {
  if (error.code === "PASSWORD_REQUIRED" || (step.askPassword && error.code === "INVALID_CREDENTIALS")) {
    return { askPassword: true };
  }
  return step;
}

/** The variables of verifyEmail: the password only when it is asked for, or
 * known from registering in this dialog. */
export function verifyVariables(email: string, code: string, password: string): { email: string; code: string; password?: string } {
  return password ? { email, code, password } : { email, code };
}
