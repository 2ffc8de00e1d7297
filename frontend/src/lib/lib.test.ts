import { createHmac } from "node:crypto";
import { print } from "graphql";
import { describe, expect, it } from "vitest";
import { LOGOUT_TEXT, ME_TEXT } from "@/components/account/header-operations";
import { LogoutMutation, MeQuery } from "@/components/account/operations";
import { codedError, messageFor } from "./errors";
import { readListFilters, withParams } from "./filters";
import { dict } from "./i18n";
import { passwordChecklist, passwordOk } from "./passwords";
import { preferredLang } from "./negotiate";
import { pathOf, safeNext } from "./paths";
import { afterVerifyError, verifyVariables } from "./verify";
import { formatSeconds, parseSeconds } from "./timecode";
import { affectedPaths, verifySignature } from "./webhook";

describe("password checklist", () => {
  it("ticks each rule of the CMS's validator", () => {
    expect(passwordChecklist("")).toEqual({ length: false, spaces: false, upper: false, lower: false, digit: false, symbol: false });
    expect(passwordChecklist("abc DEF 123 !")).toMatchObject({ length: true, spaces: false, upper: true, lower: true, digit: true, symbol: true });
    expect(passwordOk("Strong-Passw0rd!")).toBe(true);
    expect(passwordOk("Short-Pa55!")).toBe(false);
    expect(passwordOk("NoSymbolsHere123")).toBe(false);
    expect(passwordOk("Élan-créatif-2026")).toBe(true);
  });
});

describe("next after signing in", () => {
  it("keeps paths of this site", () => {
    expect(safeNext("/fr/videos/x/?in=2&out=4", "fr")).toBe("/fr/videos/x/?in=2&out=4");
  });
  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "/../x", "javascript:alert(1)", "", null])(
    "refuses %s",
    (next) => {
      expect(safeNext(next, "en")).toBe("/en/");
    },
  );
  it("turns the API's absolute URLs into paths", () => {
    expect(pathOf("http://localhost:8000/fr/salle-de-presse/x/")).toBe("/fr/salle-de-presse/x/");
    expect(pathOf(null)).toBeNull();
  });
});

describe("list filters", () => {
  const t = dict("fr");
  it("reads good values", () => {
    expect(readListFilters({ topic: "kfor", person: "jens-stoltenberg", dateFrom: "2023-01-01", dateTo: "2023-12-31", page: "2" }, t)).toEqual({
      ok: true,
      value: { topic: "kfor", person: "jens-stoltenberg", dateFrom: "2023-01-01", dateTo: "2023-12-31", page: 2 },
    });
  });
  it("explains bad input in the page's language", () => {
    const checked = readListFilters({ dateFrom: "07/09/2023", page: "-1" }, t);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toEqual([t.errors.badDate, t.errors.badPage]);
    const reversed = readListFilters({ dateFrom: "2024-01-01", dateTo: "2023-01-01" }, dict("en"));
    expect(reversed.ok).toBe(false);
    if (!reversed.ok) expect(reversed.errors).toEqual([dict("en").errors.badRange]);
    expect(readListFilters({ dateFrom: "2023-02-30" }, t).ok).toBe(false);
  });
  it("builds pagination links", () => {
    expect(withParams({ topic: "kfor" }, { page: 2 })).toBe("?topic=kfor&page=2");
    expect(withParams({}, { page: 1 })).toBe("");
  });
});

describe("publish webhooks", () => {
  const body = new TextEncoder().encode('{"event":"page.published"}');
  const sign = (secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  it("accepts the CMS's signature only", () => {
    expect(verifySignature(body, sign("s3cret"), "s3cret")).toBe(true);
    expect(verifySignature(body, sign("other"), "s3cret")).toBe(false);
    expect(verifySignature(body, null, "s3cret")).toBe(false);
    expect(verifySignature(body, "sha256=00", "s3cret")).toBe(false);
    expect(verifySignature(body, sign(""), "")).toBe(false);
  });
  it("names the paths a publish changes", () => {
    expect(affectedPaths({ url: "http://x/fr/salle-de-presse/abc/", locale: "fr" })).toEqual(
      expect.arrayContaining(["/fr/salle-de-presse/abc/", "/fr/salle-de-presse/", "/fr/", "/fr/feed.xml", "/sitemap.xml"]),
    );
  });
});

describe("timecodes and messages", () => {
  it("formats and parses seconds", () => {
    expect(formatSeconds(83.4)).toBe("01:23.4");
    expect(formatSeconds(3723)).toBe("1:02:03");
    expect(parseSeconds("12.5")).toBe(12.5);
    expect(parseSeconds("abc")).toBeNull();
    expect(parseSeconds("-1")).toBeNull();
  });
  it("says every code in both languages", () => {
    const error = codedError({ errors: [{ message: "x", extensions: { code: "RESEND_TOO_SOON", retryAfter: 42 } }] });
    expect(messageFor(error, "fr")).toContain("42 secondes");
    expect(messageFor(error, "en")).toContain("42 seconds");
    expect(codedError(new TypeError("fetch failed")).code).toBe("NETWORK");
    expect(messageFor({ code: "SOMETHING_NEW", message: "From the CMS." }, "en")).toBe("From the CMS.");
  });
});

describe("the language of / (Accept-Language)", () => {
  it.each([
    ["fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7", "fr"],
    ["de-DE, de;q=0.9, en;q=0.5, fr;q=0.4", "en"],
    ["de, fr;q=0.3", "fr"],
    ["en-GB,en;q=0.9,fr;q=0.8", "en"],
    ["fr;q=0.5, en;q=0.9", "en"],
    ["fr;q=0, en;q=0", "en"],
    ["*", "en"],
    ["", "en"],
    [null, "en"],
  ])("%s → %s", (header, lang) => {
    expect(preferredLang(header)).toBe(lang);
  });
});

describe("the header's operations sent without Apollo", () => {
  it("are the typed documents' operations", () => {
    const flat = (document: Parameters<typeof print>[0]) => print(document).replace(/\s+/g, " ").trim();
    expect(flat(MeQuery)).toBe(ME_TEXT);
    expect(flat(LogoutMutation)).toBe(LOGOUT_TEXT);
  });
});

describe("the code step asks for the password when the CMS does", () => {
  it("shows the password field on PASSWORD_REQUIRED and keeps it on a wrong one", () => {
    const start = { askPassword: false };
    expect(afterVerifyError(start, { code: "INVALID_CODE" })).toEqual({ askPassword: false });
    const asked = afterVerifyError(start, { code: "PASSWORD_REQUIRED" });
    expect(asked).toEqual({ askPassword: true });
    expect(afterVerifyError(asked, { code: "INVALID_CREDENTIALS" })).toEqual({ askPassword: true });
    expect(afterVerifyError(asked, { code: "CODE_EXPIRED" })).toEqual({ askPassword: true });
  });
  it("sends the password only when there is one", () => {
    expect(verifyVariables("a@b.org", "123456", "")).toEqual({ email: "a@b.org", code: "123456" });
    expect(verifyVariables("a@b.org", "123456", "Secret-Pass-2026!")).toEqual({ email: "a@b.org", code: "123456", password: "Secret-Pass-2026!" });
  });
  it("explains PASSWORD_REQUIRED in both languages", () => {
    const error = codedError({ errors: [{ message: "x", extensions: { code: "PASSWORD_REQUIRED" } }] });
    expect(messageFor(error, "en")).toMatch(/password/);
    expect(messageFor(error, "fr")).toMatch(/mot de passe/);
  });
});
