"use client";
/**
 * A name search over the snapshot's subjects, roles, bindings, namespaces, pods and nodes (server
 * endpoint), as an ARIA combobox: arrows move, Enter picks, Escape closes. In "ref" mode picking
 * fills the input with the object's reference (a form field, e.g. the graph focus); in "navigate"
 * mode it opens the object's page.
 */
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";

export interface SearchHit {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly ref: string;
  readonly href: string;
}

interface Props {
  readonly snapshot: number | string;
  readonly id?: string;
  readonly name?: string;
  readonly defaultValue?: string;
  readonly placeholder?: string;
  readonly mode: "ref" | "navigate";
  readonly autoFocus?: boolean;
  readonly label?: string;
  readonly onDone?: () => void;
}

export function SearchBox({ snapshot, id, name, defaultValue = "", placeholder, mode, autoFocus, label, onDone }: Props) {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState(defaultValue);
  const [hits, setHits] = useState<readonly SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    // a typed reference ("Kind/…") needs no suggestions; a bare name does
    const q = text.includes("/") ? text.slice(text.lastIndexOf("/") + 1) : text;
    if (q.trim().length < 1) {
      setHits([]);
      return undefined;
    }
    const mine = ++request.current;
    const timer = setTimeout(() => {
      fetch(`/api/snapshots/${snapshot}/search?q=${encodeURIComponent(q.trim())}`)
        .then((r) => (r.ok ? (r.json() as Promise<{ hits: SearchHit[] }>) : { hits: [] }))
        .then((body) => {
          if (mine !== request.current) return;
          setHits(body.hits);
          setActive(0);
        })
        .catch(() => undefined);
    }, 120);
    return () => clearTimeout(timer);
  }, [text, snapshot]);

  const pick = (hit: SearchHit) => {
    setOpen(false);
    if (mode === "navigate") {
      onDone?.();
      router.push(hit.href);
    } else {
      setText(hit.ref);
    }
  };

  const showList = open && hits.length > 0;
  return (
    <div className="relative">
      <input
        id={id}
        name={name}
        value={text}
        autoFocus={autoFocus}
        aria-label={label}
        placeholder={placeholder}
        autoComplete="off"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && hits.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === "ArrowUp" && hits.length > 0) {
            e.preventDefault();
            setActive((a) => (a - 1 + hits.length) % hits.length);
          } else if (e.key === "Enter" && showList) {
            const hit = hits[active];
            if (hit) {
              e.preventDefault();
              pick(hit);
            }
          } else if (e.key === "Escape") {
            setOpen(false);
            onDone?.();
          }
        }}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
      />
      <ul id={listId} role="listbox" aria-label="Matches" hidden={!showList} className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
        {hits.map((hit, i) => (
          <li
            key={`${hit.kind}/${hit.namespace}/${hit.name}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(hit);
            }}
            className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 ${i === active ? "bg-indigo-50 text-indigo-900" : "text-slate-800"}`}
          >
            <span className="w-28 shrink-0 text-xs text-slate-500">{hit.kind}</span>
            <span className="truncate">{hit.namespace ? `${hit.namespace}/${hit.name}` : hit.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
