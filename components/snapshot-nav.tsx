"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { snapshotHref } from "./links";

const TABS = [
  ["", "Overview"],
  ["subjects", "Subjects"],
  ["roles", "Roles"],
  ["bindings", "Bindings"],
  ["pods", "Pods"],
  ["can-i", "Can I"],
  ["who-can", "Who can"],
  ["escalations", "Escalations"],
  ["findings", "Findings"],
  ["reports", "Reports"],
  ["whatif", "What if"],
] as const;

export function SnapshotNav({ snapshot }: { snapshot: number }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Snapshot" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map(([page, label]) => {
        const href = snapshotHref(snapshot, page);
        const active = page === "" ? pathname === href : pathname.startsWith(href);
        return (
          <Link
            key={label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${
              active ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
