import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

// Every page is rendered per request: the proxy's CSP nonce must reach Next's inline scripts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "RBAC Atlas", template: "%s · RBAC Atlas" },
  description: "Kubernetes RBAC analysis: can-i with proofs, who-can, escalation paths, findings.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
            <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
              <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-indigo-500 to-cyan-500" />
              RBAC Atlas
            </Link>
            <nav aria-label="Main" className="flex gap-4 text-sm text-slate-600">
              <Link href="/snapshots" className="hover:text-slate-900">Snapshots</Link>
              <Link href="/upload" className="hover:text-slate-900">Upload</Link>
              <Link href="/connect" className="hover:text-slate-900">Connect</Link>
            </nav>
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
