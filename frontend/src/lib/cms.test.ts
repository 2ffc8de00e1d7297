import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The server's one Apollo Client (lib/cms.ts) against a real HTTP server on
// loopback answering as the CMS would: each reader's session gets its own answer.
describe("server reads through the one Apollo Client", () => {
  let server: Server;
  let read: typeof import("./cms").read;
  let PageByPathQuery: typeof import("./queries").PageByPathQuery;
  const cookies: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      cookies.push(request.headers.cookie);
      const reader = request.headers.cookie ?? "anonymous";
      const page = reader === "anonymous" ? null : { __typename: "StandardPage", id: "1", title: `For ${reader}`, urlPath: "/en/x/" };
      // Slow enough that both readers' requests are in flight together.
      setTimeout(() => {
        response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data: { page } }));
      }, 50);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    process.env.CMS_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ read } = await import("./cms"));
    ({ PageByPathQuery } = await import("./queries"));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("never hands one reader's answer to another asking the same at the same time", async () => {
    const variables = { urlPath: "/en/x/" };
    const [anonymous, journalist, other] = await Promise.all([
      read(PageByPathQuery, variables),
      read(PageByPathQuery, variables, { session: "sessionid=journalist" }),
      read(PageByPathQuery, variables, { session: "sessionid=other" }),
    ]);
    expect(anonymous.data?.page).toBeNull();
    expect(journalist.data?.page?.title).toBe("For sessionid=journalist");
    expect(other.data?.page?.title).toBe("For sessionid=other");
    expect(cookies.filter((cookie) => cookie?.startsWith("sessionid="))).toHaveLength(2);
  });
});
