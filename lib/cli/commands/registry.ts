import type { CliIO } from "../io";

export interface CommandModule {
  readonly run: (argv: readonly string[], io: CliIO) => Promise<number>;
}

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly load: () => Promise<CommandModule>;
}

/** Every command, in the order `rbac-atlas help` lists them. Loaded lazily so `can-i` never pays for Next or Prisma it doesn't use. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "ingest",
    summary: "store YAML/JSON dumps, or a live cluster, as a new snapshot",
    usage:
      "rbac-atlas ingest PATH... | --kubeconfig FILE [--context NAME] | --in-cluster  [--no-secrets] [--max-bytes SIZE] [--name NAME] [--cluster NAME] [--db FILE] [-o json]",
    load: () => import("./ingest"),
  },
  {
    name: "snapshots",
    summary: "list stored snapshots, or delete one",
    usage: "rbac-atlas snapshots [--cluster NAME] [--delete ID] [--db FILE] [-o json]",
    load: () => import("./snapshots"),
  },
  {
    name: "clusters",
    summary: "every cluster, highest risk first (paths to cluster-admin, Critical findings, snapshot age, last run); NAME: its history",
    usage: "rbac-atlas clusters [NAME | --delete NAME] [--db FILE] [-o json]",
    load: () => import("./clusters"),
  },
  {
    name: "schedule",
    summary: "snapshot clusters now (a CronJob) or --every DURATION; records failed runs; retention --keep N + one a day for --daily D days",
    usage:
      "rbac-atlas schedule [--kubeconfig FILE] [--context A,B,...] | --in-cluster --cluster NAME  [--every 1h] [--keep 48] [--daily 30] [--no-secrets] [--db FILE] [-o json]",
    load: () => import("./schedule"),
  },
  {
    name: "analyze",
    summary: "(re-)run the escalation analysis of a stored snapshot (after a killed or failed ingest)",
    usage: "rbac-atlas analyze --snapshot ID [--trust FILE] [--db FILE] [-o json]",
    load: () => import("./analyze"),
  },
  {
    name: "diff",
    summary: "drift between two snapshots: objects, grants per subject, escalation paths, findings",
    usage: "rbac-atlas diff --from ID --to ID | --cluster NAME [--from ID | --since 24h] [--to ID] [--trust FILE] [--db FILE] [-o json]",
    load: () => import("./diff"),
  },
  {
    name: "can-i",
    summary: "can a subject do VERB on TYPE? yes/no (exit 0/1), with --explain the proof or the nearest misses",
    usage:
      "rbac-atlas can-i VERB TYPE[.GROUP] [NAME] [--subresource S] [--api-group G] [-n NS] --as USER [--as-group G]... [--exact-groups] [--explain] [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./can-i"),
  },
  {
    name: "who-can",
    summary: "every User, Group and ServiceAccount allowed to do VERB on TYPE, with the grants",
    usage: "rbac-atlas who-can VERB TYPE[.GROUP]|/url [NAME] [--subresource S] [--api-group G] [-n NS | -A] [--explain] [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./who-can"),
  },
  {
    name: "rules",
    summary: "effective rules of a subject (like kubectl auth can-i --list)",
    usage: "rbac-atlas rules --as USER [--as-group G]... [--exact-groups] [-n NS] [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./rules"),
  },
  {
    name: "matrix",
    summary: "resource × verb access table of a subject (rakkess-style)",
    usage: "rbac-atlas matrix --as USER [--as-group G]... [-n NS] [--verbs get,list,...] [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./matrix"),
  },
  {
    name: "check",
    summary: "run an assertions file (CI): exit 0 all pass, 1 any fails, 2 bad input",
    usage: "rbac-atlas check FILE [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./check"),
  },
  {
    name: "paths",
    summary: "shortest escalation paths (e.g. who can become cluster-admin, and how)",
    usage: "rbac-atlas paths [--from REF] [--to REF|ClusterAdmin] [--max-hops N] [--critical Namespace/ns|ServiceAccount/ns/name|Secret/ns/name]... [--trust FILE] [--setting NAME=VALUE]... [--exclude-trusted] [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./paths"),
  },
  {
    name: "findings",
    summary: "risky objects: default SAs with tokens, wildcards, anonymous grants, dangling bindings, pod escapes",
    usage: "rbac-atlas findings [--severity Critical|High|Medium|Low] [--rule RULE] [--trust FILE] [--setting NAME=VALUE]... [--exclude-trusted] [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./findings"),
  },
  {
    name: "fixes",
    summary: "the smallest set of changes that cuts every path to a sink, with what each change breaks",
    usage: "rbac-atlas fixes [--to REF|ClusterAdmin]... [--trust FILE] [--setting NAME=VALUE]... [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./fixes"),
  },
  {
    name: "report",
    summary: "audit report of a snapshot or files: JSON, CSV, SARIF, Markdown, HTML or PDF",
    usage:
      "rbac-atlas report --format json|csv|sarif|md|html|pdf [--out FILE] [--paper A4|Letter] [--table findings|paths|who-can|fixes] [--accept FILE] [--trust FILE] [-f PATH... | [--cluster NAME] [--snapshot ID]] [--db FILE]",
    load: () => import("./report"),
  },
  {
    name: "scan",
    summary: "CI: analyse manifests without a database; exit 1 when a finding/path at or above --fail-on (default high) remains",
    usage:
      "rbac-atlas scan PATH... [--fail-on critical|high|medium|low] [--baseline REPORT.json] [--accept FILE] [--trust FILE] [--format json|csv|sarif|md|html|pdf] [--out FILE] [-o json]",
    load: () => import("./scan"),
  },
  {
    name: "whatif",
    summary: "re-analyse with objects added/removed in memory: escalation paths and findings gained and lost",
    usage: "rbac-atlas whatif --add FILE... [--remove Kind/name|Kind/namespace/name]... [--trust FILE] [--setting NAME=VALUE]... [-f PATH... | [--cluster NAME] [--snapshot ID]] [-o json]",
    load: () => import("./whatif"),
  },
  {
    name: "critical",
    summary: "mark crown jewels (Namespace, ServiceAccount, Secret) as extra escalation sinks",
    usage: "rbac-atlas critical [--add REF]... [--remove REF]... [--snapshot ID] [--db FILE] [-o json]",
    load: () => import("./critical"),
  },
  {
    name: "migrate",
    summary: "create or upgrade the database",
    usage: "rbac-atlas migrate [--db FILE]",
    load: () => import("./migrate"),
  },
  {
    name: "demo",
    summary: "load the bundled demo cluster as a snapshot",
    usage: "rbac-atlas demo [--db FILE] [--if-empty]",
    load: () => import("./demo"),
  },
  {
    name: "serve",
    summary: "serve the dashboard (after `next build`)",
    usage: "rbac-atlas serve [--port 3000] [--host 127.0.0.1] [--db FILE] [--every 1h [--kubeconfig FILE] [--context A,B,...] [--keep 48] [--daily 30]]",
    load: () => import("./serve"),
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((command) => command.name === name);
}
