import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The dashboard is served from one machine; no image CDN, no telemetry-dependent features.
  poweredByHeader: false,
  typedRoutes: false,
  // The CLI's tests live beside the code; keep them out of the app bundle.
  pageExtensions: ["tsx", "ts"],
};

export default nextConfig;
