import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOUND_MEMO_SECONDS, forgetPageStates, isCmsPagePath, pageState, retryPath, urlPathOf } from "./gate";

describe("which paths the proxy checks with the CMS", () => {
  it("knows the CMS's pages from the portal's own routes", () => {
    expect(isCmsPagePath("/en/newsroom/")).toBe(true);
    expect(isCmsPagePath("/fr/salle-de-presse/un-communique/")).toBe(true);
    expect(isCmsPagePath("/en/")).toBe(false);
    expect(isCmsPagePath("/en/search/")).toBe(false);
    expect(isCmsPagePath("/fr/newsletter/confirm/")).toBe(false);
    expect(isCmsPagePath("/de/newsroom/")).toBe(false);
  });
  it("asks for the urlPath the CMS gives", () => {
    expect(urlPathOf("/fr/salle-de-presse/%C3%A9t%C3%A9")).toBe("/fr/salle-de-presse/été/");
    expect(urlPathOf("/en/%E0%A4%A/")).toBe("/en/%E0%A4%A/");
  });
  it("tries again on this site only", () => {
    expect(retryPath("/fr/videos/?page=2", "fr")).toBe("/fr/videos/?page=2");
    for (const bad of ["//evil.example/", "https://evil.example/", "/\\evil", null]) {
      expect(retryPath(bad, "en")).toBe("/en/");
    }
  });
});

describe("the proxy's question to the CMS", () => {
  // A real HTTP server on loopback answering as the CMS would.
  let server: Server;
  let cms: string;
  const asked: { cookie?: string; urlPath?: string }[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const { variables } = JSON.parse(body) as { variables: { urlPath: string } };
        asked.push({ cookie: request.headers.cookie, urlPath: variables.urlPath });
        if (variables.urlPath.includes("broken")) {
          response.writeHead(502).end("Bad gateway");
          return;
        }
        const page = variables.urlPath === "/en/newsroom/" ? { __typename: "NewsroomIndexPage" } : null;
        response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data: { page } }));
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    cms = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("tells found, missing and down apart", async () => {
    forgetPageStates();
    expect(await pageState(cms, "/en/newsroom/", "sessionid=abc", true)).toBe("found");
    expect(asked.at(-1)).toEqual({ cookie: "sessionid=abc", urlPath: "/en/newsroom/" });
    expect(await pageState(cms, "/en/unknown", null, true)).toBe("missing");
    expect(asked.at(-1)).toEqual({ cookie: undefined, urlPath: "/en/unknown/" });
    expect(await pageState(cms, "/en/search/", null, false)).toBe("found");
    expect(await pageState(cms, "/en/broken/", null, true)).toBe("down");
  });

  it("remembers an anonymous reader's found page for a while, never a signed-in one's", async () => {
    forgetPageStates();
    const before = asked.length;
    const now = Date.now();
    expect(await pageState(cms, "/en/newsroom/", null, true, 5000, now)).toBe("found");
    expect(await pageState(cms, "/en/newsroom/", null, true, 5000, now + 1000)).toBe("found");
    expect(asked.length).toBe(before + 1);
    expect(await pageState(cms, "/en/newsroom/", "sessionid=abc", true, 5000, now + 1000)).toBe("found");
    expect(await pageState(cms, "/en/newsroom/", "sessionid=abc", true, 5000, now + 1000)).toBe("found");
    expect(asked.length).toBe(before + 3);
    // A missing page is asked again each time (it may be published meanwhile).
    await pageState(cms, "/en/unknown/", null, true, 5000, now);
    await pageState(cms, "/en/unknown/", null, true, 5000, now);
    expect(asked.length).toBe(before + 5);
    expect(await pageState(cms, "/en/newsroom/", null, true, 5000, now + FOUND_MEMO_SECONDS * 1000 + 1)).toBe("found");
    expect(asked.length).toBe(before + 6);
  });

  it("is down when nothing answers", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    expect(await pageState(`http://127.0.0.1:${port}`, "/en/", null, false)).toBe("down");
  });
});
