import type { NextConfig } from "next";

// The CMS this portal reads: its GraphQL endpoint is proxied at /graphql/ so the
// browser's mutations (sign-in, downloads, newsletter) are same-origin and carry the
// CMS's session and CSRF cookies on the portal's own origin (README, "Accounts").
const CMS_URL = (process.env.CMS_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");

const nextConfig: NextConfig = {
  // Paths end with a slash, as the CMS's `urlPath` and `url` do.
  trailingSlash: true,
  poweredByHeader: false,
  async redirects() {
    return [{ source: "/", destination: "/en/", permanent: false }];
  },
  async rewrites() {
    return [
      { source: "/graphql/", destination: `${CMS_URL}/graphql/` },
      // Subtitles (WebVTT) on the portal's origin: a <track> must be same-origin.
      { source: "/media/:path*", destination: `${CMS_URL}/media/:path*` },
    ];
  },
};

export default nextConfig;
