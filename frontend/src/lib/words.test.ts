import { describe, expect, it } from "vitest";
import { messageFor } from "./errors";
import { filtersForSwitch } from "./filters";
import { dict, labelled, photoFacts, quoted } from "./i18n";
import { playerMedia } from "./paths";

describe("the video player's media", () => {
  it("come from the portal's origin, poster included", () => {
    const media = playerMedia({
      poster: { url: "http://127.0.0.1:8000/media/original_images/poster.jpg" },
      subtitles: [{ id: "1", locale: "fr", url: "http://127.0.0.1:8000/media/videos/subtitles/a-fr.vtt" }],
    });
    expect(media.poster).toBe("/media/original_images/poster.jpg");
    expect(media.subtitles).toEqual([{ id: "1", locale: "fr", url: "/media/videos/subtitles/a-fr.vtt" }]);
    expect(playerMedia({ poster: null, subtitles: [] }).poster).toBeNull();
  });
});

describe("punctuation of the page's language", () => {
  it("puts a space before the colon in French only", () => {
    expect(labelled("Crédit", "OTAN", "fr")).toBe("Crédit\u00a0: OTAN");
    expect(labelled("Credit", "NATO", "en")).toBe("Credit: NATO");
  });
  it("quotes a soundbite with the marks of the page's language", () => {
    expect(quoted("KFOR acts impartially.", "fr")).toBe("«\u00a0KFOR acts impartially.\u00a0»");
    expect(quoted("KFOR acts impartially.", "en")).toBe("“KFOR acts impartially.”");
  });
  it("labels the country in the profile without the form's hint", () => {
    expect(dict("fr").account.countryName).toBe("Pays");
    expect(dict("en").account.countryName).toBe("Country");
  });
});

describe("the portal's tagline", () => {
  it("says in English what the seed says in French: NATO's official resources", () => {
    expect(dict("fr").tagline).toContain("ressources médiatiques officielles de l'OTAN");
    expect(dict("en").tagline).toContain("NATO's official media resources");
  });
});

describe("a gallery photo's facts", () => {
  it("say the credit, the day and the place it was taken, in the page's language", () => {
    const photo = { credit: "NATO Photo Desk", dateTaken: "2023-09-07T10:00:00Z", place: "Bruxelles, Belgique" };
    expect(photoFacts(photo, "fr")).toBe("Crédit\u00a0: NATO Photo Desk · 7 septembre 2023 · Bruxelles, Belgique");
    expect(photoFacts({ ...photo, place: "Brussels, Belgium" }, "en")).toBe("Credit: NATO Photo Desk · 7 September 2023 · Brussels, Belgium");
    expect(photoFacts({ credit: "", dateTaken: null, place: "" }, "en")).toBe("");
  });
  it("are under a Photos entry of the menu in both languages", () => {
    expect(dict("fr").nav.photos).toBe("Photos");
    expect(dict("en").nav.photos).toBe("Photos");
  });
});

describe("a wrong code's message", () => {
  it("counts the attempts left in whole words, singular and plural", () => {
    const wrong = (remainingAttempts: number, lang: "en" | "fr") => messageFor({ code: "INVALID_CODE", remainingAttempts }, lang);
    expect(wrong(4, "fr")).toBe("Ce code n'est pas le bon. Il vous reste 4 essais.");
    expect(wrong(1, "fr")).toBe("Ce code n'est pas le bon. Il vous reste 1 essai.");
    expect(wrong(4, "en")).toBe("This code is not right. 4 attempts left.");
    expect(wrong(1, "en")).toBe("This code is not right. 1 attempt left.");
  });
});

describe("the video page's segment buttons", () => {
  it("call a soundbite a soundbite, not a shot", () => {
    expect(dict("en").downloads.useSoundbite).toBe("Use this soundbite as the clip");
    expect(dict("fr").downloads.useSoundbite).toBe("Sélectionner cet extrait sonore");
    expect(dict("en").downloads.useSoundbite).not.toBe(dict("en").downloads.useShot);
  });
});

describe("the language switch of a filtered list", () => {
  it("keeps the topic, person and dates, not the page number nor a refused value", () => {
    expect(filtersForSwitch({ topic: "kfor", person: "jens-stoltenberg", dateFrom: "2023-01-01", page: "2" }))
      .toBe("?topic=kfor&person=jens-stoltenberg&dateFrom=2023-01-01");
    expect(filtersForSwitch({ topic: "not a slug!", dateTo: "2023-13-45" })).toBe("");
    expect(filtersForSwitch({})).toBe("");
  });
});

describe("a gallery photo's download button", () => {
  it("asks a signed-out reader to sign in, in both languages", () => {
    expect(dict("fr").downloads.photo).toBe("Télécharger l'original");
    expect(dict("fr").downloads.signInToDownloadPhoto).toBe("Se connecter pour télécharger");
    expect(dict("en").downloads.photo).toBe("Download the original");
    expect(dict("en").downloads.signInToDownloadPhoto).toBe("Sign in to download");
  });
});
