"use client";
import { dict, type Lang } from "@/lib/i18n";
import { PASSWORD_RULES, passwordChecklist } from "@/lib/passwords";

/** The password rules, each ticked as soon as the password typed meets it. */
export function PasswordChecklist({ password, lang, id }: { password: string; lang: Lang; id: string }) {
  const t = dict(lang).account;
  const checks = passwordChecklist(password);
  return (
    <div id={id}>
      <p className="meta">{t.passwordRules}</p>
      <ul className="rules" aria-live="polite">
        {PASSWORD_RULES.map((rule) => (
          <li key={rule} className={checks[rule] ? "met" : undefined} data-rule={rule} data-met={checks[rule]}>
            {t.rules[rule]}
            <span className="visually-hidden"> ({checks[rule] ? t.ruleMet : t.ruleNotMet})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
