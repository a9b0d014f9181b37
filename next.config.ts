import type { NextConfig } from "next";

/**
 * With a proxy (proxy.ts guards every route), Next buffers request bodies up to this size and
 * silently cuts longer ones — so it must cover the largest upload allowed (RBAC_ATLAS_MAX_BYTES,
 * default 200 MiB) plus multipart framing. The upload route refuses larger bodies itself (413)
 * from their Content-Length before reading them.
 */
const UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };
function uploadBodyLimit(): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(process.env.RBAC_ATLAS_MAX_BYTES ?? "");
  const bytes = m?.[1] !== undefined ? Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 0) : 0;
  return (bytes > 0 ? bytes : 200 * 1024 * 1024) + 16 * 1024 * 1024;
}

const nextConfig: NextConfig = {
  // The dashboard is served from one machine; no image CDN, no telemetry-dependent features.
  poweredByHeader: false,
  typedRoutes: false,
  // The CLI's tests live beside the code; keep them out of the app bundle.
  pageExtensions: ["tsx", "ts"],
  experimental: { proxyClientMaxBodySize: uploadBodyLimit() },
};

export default nextConfig;
