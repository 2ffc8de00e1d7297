import type { NextConfig } from "next";

// The CMS is read at run time (CMS_URL, src/lib/cms.ts); /graphql/ and /media/ are
// forwarded to it by route handlers (src/lib/forward.ts), not rewrites, which
// would fix its address at build time.
const nextConfig: NextConfig = {
  // Paths end with a slash, as the CMS's `urlPath` and `url` do.
  trailingSlash: true,
  poweredByHeader: false,
  // `/` goes to the reader's language, from Accept-Language: src/proxy.ts.
};

export default nextConfig;
