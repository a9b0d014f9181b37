import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "@/lib/rbac/objects";
import type { KeptKind, Namespace, Node, PersistentVolume, Pod, Secret, ServiceAccount, WebhookConfiguration, Workload, WorkloadKind } from "@/lib/cluster/objects";

export interface SourceFile {
  /** As the user named it: a path, "-" for stdin, or an upload's file name. */
  readonly path: string;
  readonly content: string;
}

export interface ObjectOrigin {
  readonly file: string;
  /** 1-based: the Nth YAML document (or JSON value) of the file. */
  readonly documentIndex: number;
  /** 0-based index into the document's `items` (a List) or top-level array. */
  readonly itemIndex?: number;
  /** 1-based line of the object in its YAML file (for code-scanning annotations); absent for JSON. */
  readonly line?: number;
}

/** The engine object for each kept kind. */
export type EngineObjectFor<K extends KeptKind> = K extends WorkloadKind
  ? Workload
  : K extends "MutatingWebhookConfiguration" | "ValidatingWebhookConfiguration"
    ? WebhookConfiguration
    : K extends "Namespace"
      ? Namespace
      : K extends "ServiceAccount"
        ? ServiceAccount
        : K extends "Role"
          ? Role
          : K extends "ClusterRole"
            ? ClusterRole
            : K extends "RoleBinding"
              ? RoleBinding
              : K extends "ClusterRoleBinding"
                ? ClusterRoleBinding
                : K extends "Pod"
                  ? Pod
                  : K extends "Node"
                    ? Node
                    : K extends "PersistentVolume"
                      ? PersistentVolume
                      : K extends "Secret"
                        ? Secret
                        : never;

export type EngineObject = EngineObjectFor<KeptKind>;

/** One kept object: a discriminated union over `kind`. */
export type ParsedObject = {
  readonly [K in KeptKind]: {
    readonly kind: K;
    readonly object: EngineObjectFor<K>;
    /** The original object, trimmed and redacted (see `trimManifest`), for YAML display. */
    readonly manifest: Readonly<Record<string, unknown>>;
    readonly origin: ObjectOrigin;
  };
}[KeptKind];

export interface ParseSummary {
  /** Every kept kind, with 0 for the absent ones. */
  readonly counts: Readonly<Record<string, number>>;
  /** Kinds not kept (ConfigMap, CRDs...), sorted by kind. */
  readonly skipped: readonly { readonly kind: string; readonly count: number }[];
  readonly warnings: readonly string[];
  /** SHA-256 (hex) of the UTF-8 bytes of the files' contents, in the given order. */
  readonly sha256: string;
  readonly bytes: number;
}
