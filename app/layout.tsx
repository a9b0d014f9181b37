import type { Metadata } from "next";
import { Sidebar } from "@/components/shell/sidebar";
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
        <div className="flex min-h-screen flex-col md:flex-row">
          <aside className="shrink-0 border-b border-slate-200 bg-white px-2 py-4 md:sticky md:top-0 md:h-screen md:w-56 md:overflow-y-auto md:border-b-0 md:border-r">
            <Sidebar />
          </aside>
          <main className="min-w-0 flex-1 px-6 py-8">
            <div className="mx-auto max-w-7xl">{children}</div>
          </main>
        </div>
      </body>
    </html>
  );
}
