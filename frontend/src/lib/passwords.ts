// The password rules of accounts.passwords.PortalPasswordValidator, checked live in
// the dialog as the journalist types. The CMS stays the judge (WEAK_PASSWORD lists
// what it refused in extensions.rules); this is only the checklist.

export const PASSWORD_RULES = ["length", "spaces", "upper", "lower", "digit", "symbol"] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export function passwordChecklist(password: string): Record<PasswordRule, boolean> {
  return {
    length: [...password].length >= 12,
    spaces: password.length > 0 && !/\s/u.test(password),
    upper: /\p{Lu}/u.test(password),
    lower: /\p{Ll}/u.test(password),
    digit: /\p{Nd}/u.test(password),
    symbol: /[^\p{L}\p{Nd}\s]/u.test(password),
  };
}

export function passwordOk(password: string): boolean {
  return Object.values(passwordChecklist(password)).every(Boolean);
}
