import type { ApiError } from "./cms";
import type { Dictionary } from "./i18n";

/** The API's coded errors on a read, as whole sentences in the page's language. */
export function explain(errors: ApiError[], t: Dictionary): string[] {
  return [
    ...new Set(
      errors.map((error) => {
        switch (error.code) {
          case "UNKNOWN_TOPIC":
            return t.errors.unknownTopic;
          case "UNKNOWN_PERSON":
            return t.errors.unknownPerson;
          case "QUERY_TOO_LONG":
            return t.errors.queryTooLong;
          case "GRAPHQL_VALIDATION_FAILED":
            return t.errors.badDate;
          case "INVALID_ARGUMENT":
            return error.argument === "page" ? t.errors.badPage : error.argument?.startsWith("date") ? t.errors.badRange : t.errors.generic;
          default:
            return t.errors.generic;
        }
      }),
    ),
  ];
}
