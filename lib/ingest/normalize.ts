/**
 * One API object → one validated engine object (or "skipped", or field issues).
 *
 * Decoding follows the API server: `null` is "absent", `rules: null` is no rules, a RoleBinding's
 * ServiceAccount subject without a namespace is in the binding's namespace, cluster-scoped objects
 * have no namespace. What the API server would reject but its authorizer still evaluates as
 * granting nothing (a ClusterRoleBinding to a Role, a subject of unknown kind) is kept with a
 * warning; what cannot be read at all (a rule without verbs, a wrong type) is an error, never a guess.
 */

import type { AggregationRule, ClusterRole, ClusterRoleBinding, LabelSelector, LabelSelectorOperator, LabelSelectorRequirement, ObjectMeta, PolicyRule, Role, RoleBinding, RoleRef, Subject, SubjectKind } from "@/lib/rbac/objects";
import type { AppArmorProfile, Capabilities, Container, EnvFromSource, EnvVar, KeptKind, Namespace, Node, ObjectReference, PersistentVolume, Pod, PodSecurityContext, PodSpec, Secret, SecurityContext, ServiceAccount, VolumeMount, Volume, WebhookConfiguration, Workload, WorkloadKind } from "@/lib/cluster/objects";
import { FieldReader, isObj, joinPath, type Obj } from "@/lib/ingest/fields";
import { describeType, formatObjectRef, type IngestIssue } from "@/lib/ingest/issues";
import { trimManifest } from "@/lib/ingest/redact";
import type { EngineObject, ObjectOrigin, ParsedObject } from "@/lib/ingest/types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const RBAC_GROUP = "rbac.authorization.k8s.io";

/** API groups each kept kind may come from ("" = core, apiVersion "v1"). */
const KIND_GROUPS: Readonly<Record<KeptKind, readonly string[]>> = {
  Namespace: [""],
  ServiceAccount: [""],
  Pod: [""],
  Node: [""],
  PersistentVolume: [""],
  Secret: [""],
  ReplicationController: [""],
  Role: [RBAC_GROUP],
  ClusterRole: [RBAC_GROUP],
  RoleBinding: [RBAC_GROUP],
  ClusterRoleBinding: [RBAC_GROUP],
  Deployment: ["apps", "extensions"],
  DaemonSet: ["apps", "extensions"],
  ReplicaSet: ["apps", "extensions"],
  StatefulSet: ["apps"],
  Job: ["batch"],
  CronJob: ["batch"],
  MutatingWebhookConfiguration: ["admissionregistration.k8s.io"],
  ValidatingWebhookConfiguration: ["admissionregistration.k8s.io"],
};

const NAMESPACED: ReadonlySet<KeptKind> = new Set<KeptKind>([
  "ServiceAccount",
  "Role",
  "RoleBinding",
  "Pod",
  "Secret",
  "Deployment",
  "DaemonSet",
  "StatefulSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "ReplicationController",
]);

export function isKeptKind(kind: string): kind is KeptKind {
  return Object.hasOwn(KIND_GROUPS, kind);
}

export function isNamespacedKind(kind: KeptKind): boolean {
  return NAMESPACED.has(kind);
}

/** The namespace kubectl apply uses for a bare manifest without one. */
export const DEFAULT_NAMESPACE = "default";

export type NormalizeResult =
  | { readonly ok: true; readonly value: ParsedObject; readonly warnings?: readonly string[] }
  | { readonly ok: true; readonly skipped: string }
  | { readonly ok: false; readonly issues: IngestIssue[] };

/** One API object. `kindHint` is the item kind of a typed List (RoleList → Role) for items without `kind`. */
export function normalizeObject(raw: unknown, origin: ObjectOrigin, kindHint?: string): NormalizeResult {
  const where = { file: origin.file, documentIndex: origin.documentIndex, itemIndex: origin.itemIndex };
  const notAnObject = (message: string, objectRef?: string): NormalizeResult => ({
    ok: false,
    issues: [{ code: "NOT_AN_OBJECT", ...where, ...(objectRef !== undefined && { objectRef }), message }],
  });
  if (!isObj(raw)) return notAnObject(`expected a Kubernetes object, got ${describeType(raw)}`);

  let kind: string;
  if (typeof raw.kind === "string" && raw.kind !== "") kind = raw.kind;
  else if ((raw.kind === undefined || raw.kind === null) && kindHint !== undefined) kind = kindHint;
  else return notAnObject("not a Kubernetes object: no `kind`");

  const apiVersion = raw.apiVersion;
  if (apiVersion !== undefined && apiVersion !== null && typeof apiVersion !== "string") {
    return { ok: false, issues: [{ code: "WRONG_TYPE", ...where, path: "apiVersion", message: `expected a string, got ${describeType(apiVersion)}` }] };
  }
  if (!isKeptKind(kind)) return { ok: true, skipped: kind };
  if (typeof apiVersion === "string" && apiVersion !== "") {
    const slash = apiVersion.indexOf("/");
    const group = slash < 0 ? "" : apiVersion.slice(0, slash);
    // A CRD may reuse a kind name (example.com/v1 Role): it is not the RBAC Role.
    if (!KIND_GROUPS[kind].includes(group)) return { ok: true, skipped: `${kind} (${apiVersion})` };
  }

  const metaRaw = raw.metadata;
  const nameRaw = isObj(metaRaw) ? metaRaw.name : undefined;
  const nsRaw = isObj(metaRaw) ? metaRaw.namespace : undefined;
  const refNs = typeof nsRaw === "string" ? nsRaw : undefined;
  if (typeof nameRaw !== "string" || nameRaw === "") {
    return notAnObject("not a Kubernetes object: no `metadata.name`", formatObjectRef(kind, undefined, refNs));
  }

  const redacted = trimManifest(raw as Record<string, unknown>, kind);
  // Items of a typed List (RoleList) carry no kind; the manifest shown to users gets it back.
  const manifest = redacted.kind === kind ? redacted : { kind, ...redacted };
  const r = new FieldReader();
  const warnings: string[] = [];
  const namespaced = NAMESPACED.has(kind);
  let namespace = r.str(metaRaw as Obj, "namespace", "metadata");
  if (namespaced && (namespace === undefined || namespace === "")) {
    namespace = DEFAULT_NAMESPACE;
    warnings.push(
      `${origin.file}: ${formatObjectRef(kind, nameRaw, undefined)} has no namespace; using "${DEFAULT_NAMESPACE}" as kubectl apply does`,
    );
  } else if (!namespaced && namespace !== undefined) {
    if (namespace !== "") {
      warnings.push(`${origin.file}: ${formatObjectRef(kind, nameRaw, undefined)} is cluster-scoped; ignoring metadata.namespace`);
    }
    namespace = undefined;
  }
  const objectRef = formatObjectRef(kind, nameRaw, namespace);
  const metadata = readMeta(r, manifest.metadata as Obj, nameRaw, namespace);

  const object = buildObject(r, kind, raw, metadata, (message) => warnings.push(`${origin.file}: ${objectRef} ${message}`));
  if (r.issues.length > 0 || object === undefined) {
    return { ok: false, issues: r.issues.map((i) => ({ ...i, ...where, objectRef })) };
  }
  if (object.kind === "ClusterRoleBinding") warnings.push(...clusterBindingWarnings(origin.file, objectRef, object));
  const value = { kind, object, manifest, origin } as ParsedObject;
  return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

function readMeta(r: FieldReader, m: Obj, name: string, namespace: string | undefined): ObjectMeta {
  const meta: Mutable<ObjectMeta> = { name };
  if (namespace !== undefined) meta.namespace = namespace;
  const uid = r.str(m, "uid", "metadata");
  if (uid !== undefined) meta.uid = uid;
  const labels = r.strMap(m, "labels", "metadata");
  if (labels !== undefined) meta.labels = labels;
  const annotations = r.strMap(m, "annotations", "metadata");
  if (annotations !== undefined) meta.annotations = annotations;
  const created = r.time(m, "creationTimestamp", "metadata");
  if (created !== undefined) meta.creationTimestamp = created;
  return meta;
}

type NsMeta = ObjectMeta & { readonly namespace: string };

function buildObject(r: FieldReader, kind: KeptKind, raw: Obj, metadata: ObjectMeta, warn: (message: string) => void): EngineObject | undefined {
  const nsMeta = metadata as NsMeta;
  switch (kind) {
    case "Namespace":
      return { kind, metadata } satisfies Namespace;
    case "Node":
      return { kind, metadata } satisfies Node;
    case "Role":
      return { kind, metadata: nsMeta, rules: readRules(r, raw) } satisfies Role;
    case "ClusterRole": {
      const role: Mutable<ClusterRole> = { kind, metadata, rules: readRules(r, raw) };
      const agg = r.obj(raw, "aggregationRule", "");
      if (agg !== undefined) role.aggregationRule = readAggregationRule(r, agg);
      return role;
    }
    case "RoleBinding":
      return {
        kind,
        metadata: nsMeta,
        subjects: readSubjects(r, raw, nsMeta.namespace, warn),
        roleRef: readRoleRef(r, raw, ["Role", "ClusterRole"]),
      } satisfies RoleBinding;
    case "ClusterRoleBinding":
      return {
        kind,
        metadata,
        subjects: readSubjects(r, raw, undefined, warn),
        // The apiserver refuses to store a reference to a Role here, but the authorizer evaluates
        // one as granting nothing: kept (the engine reports CLUSTER_BINDING_TO_ROLE), not rejected.
        roleRef: readRoleRef(r, raw, ["ClusterRole", "Role"]),
      } satisfies ClusterRoleBinding;
    case "ServiceAccount":
      return readServiceAccount(r, raw, nsMeta);
    case "Secret":
      return readSecret(r, raw, nsMeta);
    case "Pod":
      return readPod(r, raw, nsMeta);
    case "PersistentVolume":
      return readPersistentVolume(r, raw, metadata);
    case "MutatingWebhookConfiguration":
    case "ValidatingWebhookConfiguration":
      return readWebhooks(r, raw, kind, metadata);
    case "Deployment":
    case "DaemonSet":
    case "StatefulSet":
    case "ReplicaSet":
    case "Job":
    case "CronJob":
    case "ReplicationController":
      return readWorkload(r, raw, kind, nsMeta);
  }
}

// ---------------------------------------------------------------------------------------------
// RBAC

function readRules(r: FieldReader, raw: Obj): readonly PolicyRule[] {
  const rules = r.objList(raw, "rules", "");
  if (rules === undefined) return [];
  return rules.map(({ value, at }) => {
    const rule: Mutable<PolicyRule> = { verbs: r.strList(value, "verbs", at, true) ?? [] };
    const apiGroups = r.strList(value, "apiGroups", at);
    if (apiGroups !== undefined) rule.apiGroups = apiGroups;
    const resources = r.strList(value, "resources", at);
    if (resources !== undefined) rule.resources = resources;
    const resourceNames = r.strList(value, "resourceNames", at);
    if (resourceNames !== undefined) rule.resourceNames = resourceNames;
    const nonResourceURLs = r.strList(value, "nonResourceURLs", at);
    if (nonResourceURLs !== undefined) rule.nonResourceURLs = nonResourceURLs;
    return rule;
  });
}

const OPERATORS: readonly LabelSelectorOperator[] = ["In", "NotIn", "Exists", "DoesNotExist"];

function readLabelSelector(r: FieldReader, sel: Obj, at: string): LabelSelector {
  const out: Mutable<LabelSelector> = {};
  const matchLabels = r.strMap(sel, "matchLabels", at);
  if (matchLabels !== undefined) out.matchLabels = matchLabels;
  const exprs = r.objList(sel, "matchExpressions", at);
  if (exprs !== undefined) {
    out.matchExpressions = exprs.map(({ value, at: eat }) => {
      const req: Mutable<LabelSelectorRequirement> = {
        key: r.str(value, "key", eat, true) ?? "",
        operator: r.oneOf(value, "operator", eat, OPERATORS, true) ?? "In",
      };
      const values = r.strList(value, "values", eat);
      if (values !== undefined) req.values = values;
      return req;
    });
  }
  return out;
}

function readAggregationRule(r: FieldReader, agg: Obj): AggregationRule {
  const sels = r.objList(agg, "clusterRoleSelectors", "aggregationRule");
  if (sels === undefined) return {};
  return { clusterRoleSelectors: sels.map(({ value, at }) => readLabelSelector(r, value, at)) };
}

const SUBJECT_KINDS: readonly SubjectKind[] = ["User", "Group", "ServiceAccount"];

function isSubjectKind(kind: string): kind is SubjectKind {
  return (SUBJECT_KINDS as readonly string[]).includes(kind);
}

/**
 * Kubernetes' appliesToUser compares the subject kind exactly: any other kind ("user", "", none)
 * matches nobody. The apiserver refuses to store such a subject, but the authorizer evaluates the
 * binding's other subjects, so it is left out with a warning rather than rejecting the input.
 */
function readSubjects(
  r: FieldReader,
  raw: Obj,
  bindingNamespace: string | undefined,
  warn: (message: string) => void,
): readonly Subject[] {
  const subjects = r.objList(raw, "subjects", "");
  if (subjects === undefined) return [];
  const kept: Subject[] = [];
  for (const { value, at } of subjects) {
    const rawKind = r.str(value, "kind", at);
    const name = r.str(value, "name", at, true) ?? "";
    if (rawKind === undefined || !isSubjectKind(rawKind)) {
      if (value.kind === undefined || value.kind === null || typeof value.kind === "string") {
        const shown = rawKind === undefined || rawKind === "" ? "no kind" : `kind ${JSON.stringify(rawKind.length > 40 ? `${rawKind.slice(0, 40)}…` : rawKind)}`;
        warn(`${at} has ${shown} (only ${SUBJECT_KINDS.join(", ")} match, case-sensitively), so it matches nobody`);
      }
      continue;
    }
    const kind = rawKind;
    const s: Mutable<Subject> = { kind, name };
    let namespace = r.str(value, "namespace", at);
    if (kind === "ServiceAccount" && (namespace === undefined || namespace === "") && bindingNamespace !== undefined) {
      // The authorizer resolves it in the binding's namespace. A ClusterRoleBinding has none: the
      // apiserver refuses to store that subject, the authorizer matches it to nobody — kept as is
      // (the engine reports SERVICE_ACCOUNT_WITHOUT_NAMESPACE), not rejected.
      namespace = bindingNamespace;
    }
    if (namespace !== undefined && namespace !== "") s.namespace = namespace;
    const apiGroup = r.str(value, "apiGroup", at);
    if (apiGroup !== undefined) s.apiGroup = apiGroup;
    kept.push(s);
  }
  return kept;
}

/** What the apiserver would have refused to store in a ClusterRoleBinding, and what it means. */
function clusterBindingWarnings(file: string, objectRef: string, b: ClusterRoleBinding): string[] {
  const out: string[] = [];
  if (b.roleRef.kind === "Role") out.push(`${file}: ${objectRef} refers to Role "${b.roleRef.name}": a ClusterRoleBinding can only use a ClusterRole, so it grants nothing`);
  b.subjects.forEach((s, i) => {
    if (s.kind === "ServiceAccount" && s.namespace === undefined) {
      out.push(`${file}: ${objectRef} subjects[${i}] (ServiceAccount "${s.name}") has no namespace, so it matches nobody`);
    }
  });
  return out;
}

function readRoleRef(r: FieldReader, raw: Obj, allowed: readonly ("Role" | "ClusterRole")[]): RoleRef {
  const ref = r.obj(raw, "roleRef", "", true);
  if (ref === undefined) return { kind: "ClusterRole", name: "", apiGroup: RBAC_GROUP };
  const kind = r.oneOf(ref, "kind", "roleRef", allowed, true) ?? "ClusterRole";
  const name = r.str(ref, "name", "roleRef", true) ?? "";
  const apiGroup = r.str(ref, "apiGroup", "roleRef");
  return { kind, name, apiGroup: apiGroup === undefined || apiGroup === "" ? RBAC_GROUP : apiGroup };
}

// ---------------------------------------------------------------------------------------------
// Core objects

function readObjectRefs(r: FieldReader, raw: Obj, key: string, at: string): readonly ObjectReference[] | undefined {
  const refs = r.objList(raw, key, at);
  if (refs === undefined) return undefined;
  return refs.map(({ value, at: rat }) => {
    const ref: Mutable<ObjectReference> = { name: r.str(value, "name", rat) ?? "" };
    const ns = r.str(value, "namespace", rat);
    if (ns !== undefined) ref.namespace = ns;
    return ref;
  });
}

function readServiceAccount(r: FieldReader, raw: Obj, metadata: NsMeta): ServiceAccount {
  const sa: Mutable<ServiceAccount> = { kind: "ServiceAccount", metadata };
  const automount = r.bool(raw, "automountServiceAccountToken", "");
  if (automount !== undefined) sa.automountServiceAccountToken = automount;
  const secrets = readObjectRefs(r, raw, "secrets", "");
  if (secrets !== undefined) sa.secrets = secrets;
  return sa;
}

function readSecret(r: FieldReader, raw: Obj, metadata: NsMeta): Secret {
  const secret: Mutable<Secret> = { kind: "Secret", metadata };
  const type = r.str(raw, "type", "");
  if (type !== undefined) secret.type = type;
  // Only the key names are read; the values are never looked at.
  const keys = new Set<string>();
  for (const field of ["data", "stringData"]) {
    const map = r.obj(raw, field, "");
    if (map !== undefined) for (const k of Object.keys(map)) keys.add(k);
  }
  if (keys.size > 0) secret.dataKeys = [...keys].sort();
  return secret;
}

function readPersistentVolume(r: FieldReader, raw: Obj, metadata: ObjectMeta): PersistentVolume {
  const pv: Mutable<PersistentVolume> = { kind: "PersistentVolume", metadata };
  const spec = r.obj(raw, "spec", "");
  if (spec === undefined) return pv;
  const out: Mutable<NonNullable<PersistentVolume["spec"]>> = {};
  const hostPath = readHostPath(r, spec, "spec");
  if (hostPath !== undefined) out.hostPath = hostPath;
  const sc = r.str(spec, "storageClassName", "spec");
  if (sc !== undefined) out.storageClassName = sc;
  const claim = r.obj(spec, "claimRef", "spec");
  if (claim !== undefined) {
    const ref: Mutable<ObjectReference> = { name: r.str(claim, "name", "spec.claimRef") ?? "" };
    const ns = r.str(claim, "namespace", "spec.claimRef");
    if (ns !== undefined) ref.namespace = ns;
    out.claimRef = ref;
  }
  pv.spec = out;
  return pv;
}

function readHostPath(r: FieldReader, parent: Obj, at: string): { path: string; type?: string } | undefined {
  const hp = r.obj(parent, "hostPath", at);
  if (hp === undefined) return undefined;
  const hat = joinPath(at, "hostPath");
  const out: { path: string; type?: string } = { path: r.str(hp, "path", hat, true) ?? "" };
  const type = r.str(hp, "type", hat);
  if (type !== undefined) out.type = type;
  return out;
}

function readWebhooks(
  r: FieldReader,
  raw: Obj,
  kind: WebhookConfiguration["kind"],
  metadata: ObjectMeta,
): WebhookConfiguration {
  const cfg: Mutable<WebhookConfiguration> = { kind, metadata };
  const hooks = r.objList(raw, "webhooks", "");
  if (hooks === undefined) return cfg;
  type Hook = Mutable<NonNullable<WebhookConfiguration["webhooks"]>[number]>;
  type HookRule = Mutable<NonNullable<Hook["rules"]>[number]>;
  cfg.webhooks = hooks.map(({ value, at }) => {
    const hook: Hook = { name: r.str(value, "name", at, true) ?? "" };
    const cc = r.obj(value, "clientConfig", at);
    if (cc !== undefined) {
      const ccAt = joinPath(at, "clientConfig");
      const clientConfig: Mutable<NonNullable<Hook["clientConfig"]>> = {};
      const url = r.str(cc, "url", ccAt);
      if (url !== undefined) clientConfig.url = url;
      const svc = r.obj(cc, "service", ccAt);
      if (svc !== undefined) {
        const sAt = joinPath(ccAt, "service");
        const service: { name: string; namespace: string; path?: string } = {
          name: r.str(svc, "name", sAt, true) ?? "",
          namespace: r.str(svc, "namespace", sAt, true) ?? "",
        };
        const path = r.str(svc, "path", sAt);
        if (path !== undefined) service.path = path;
        clientConfig.service = service;
      }
      hook.clientConfig = clientConfig;
    }
    const fp = r.str(value, "failurePolicy", at);
    if (fp !== undefined) hook.failurePolicy = fp;
    const rules = r.objList(value, "rules", at);
    if (rules !== undefined) {
      hook.rules = rules.map(({ value: rv, at: rat }) => {
        const rule: HookRule = {};
        for (const key of ["operations", "apiGroups", "apiVersions", "resources"] as const) {
          const list = r.strList(rv, key, rat);
          if (list !== undefined) rule[key] = list;
        }
        const scope = r.str(rv, "scope", rat);
        if (scope !== undefined) rule.scope = scope;
        return rule;
      });
    }
    return hook;
  });
  return cfg;
}

// ---------------------------------------------------------------------------------------------
// Pods and pod templates
// The API server requires spec, containers and templates; an analysis does not: a minimal manifest
// (a pod that only names its ServiceAccount and node) is read with what it says, and nothing is invented
// for what it leaves out (no containers = no container-level escape).

function readPod(r: FieldReader, raw: Obj, metadata: NsMeta): Pod {
  const spec = r.obj(raw, "spec", "");
  const pod: Mutable<Pod> = { kind: "Pod", metadata, spec: spec === undefined ? { containers: [] } : readPodSpec(r, spec, "spec") };
  const status = r.obj(raw, "status", "");
  if (status !== undefined) {
    const phase = r.str(status, "phase", "status");
    const st: Mutable<NonNullable<Pod["status"]>> = phase === undefined ? {} : { phase };
    const eph = r.objList(status, "ephemeralContainerStatuses", "status");
    if (eph !== undefined) {
      st.ephemeralContainerStatuses = eph.map(({ value, at }) => {
        const state = r.obj(value, "state", at);
        const terminated = state === undefined ? undefined : r.obj(state, "terminated", joinPath(at, "state"));
        return { name: r.str(value, "name", at) ?? "", ...(terminated !== undefined ? { state: { terminated: {} } } : {}) };
      });
    }
    pod.status = st;
  }
  const owner = readControllerRef(r, raw);
  if (owner) pod.owner = owner;
  return pod;
}

/** The ownerReference with `controller: true`, if any. */
function readControllerRef(r: FieldReader, raw: Obj): { kind: string; name: string } | undefined {
  const meta = raw.metadata as Obj;
  const owners = r.objList(meta, "ownerReferences", "metadata");
  for (const { value, at } of owners ?? []) {
    if (r.bool(value, "controller", at) !== true) continue;
    return { kind: r.str(value, "kind", at, true) ?? "", name: r.str(value, "name", at, true) ?? "" };
  }
  return undefined;
}

function readWorkload(r: FieldReader, raw: Obj, kind: WorkloadKind, metadata: NsMeta): Workload {
  let spec = r.obj(raw, "spec", "");
  let at = "spec";
  if (kind === "CronJob" && spec !== undefined) {
    const jobTemplate = r.obj(spec, "jobTemplate", at);
    spec = jobTemplate === undefined ? undefined : r.obj(jobTemplate, "spec", "spec.jobTemplate");
    at = "spec.jobTemplate.spec";
  }
  const template = spec === undefined ? undefined : r.obj(spec, "template", at);
  const tAt = joinPath(at, "template");
  const tSpec = template === undefined ? undefined : r.obj(template, "spec", tAt);
  const out: Mutable<Workload["template"]> = {
    spec: tSpec === undefined ? { containers: [] } : readPodSpec(r, tSpec, joinPath(tAt, "spec")),
  };
  const tMeta = template === undefined ? undefined : r.obj(template, "metadata", tAt);
  if (tMeta !== undefined) {
    const mAt = joinPath(tAt, "metadata");
    const m: { labels?: Record<string, string>; annotations?: Record<string, string> } = {};
    const labels = r.strMap(tMeta, "labels", mAt);
    if (labels !== undefined) m.labels = labels;
    const annotations = r.strMap(tMeta, "annotations", mAt);
    if (annotations !== undefined) m.annotations = annotations;
    out.metadata = m;
  }
  const workload: Mutable<Workload> = { kind, metadata, template: out };
  if (kind !== "CronJob" && kind !== "DaemonSet" && kind !== "Job" && spec !== undefined) {
    const replicas = r.int(spec, "replicas", "spec");
    if (replicas !== undefined) workload.replicas = replicas;
  }
  const owner = readControllerRef(r, raw);
  if (owner) workload.owner = owner;
  return workload;
}

function readPodSpec(r: FieldReader, spec: Obj, at: string): PodSpec {
  const out: Mutable<PodSpec> = { containers: readContainers(r, spec, "containers", at) ?? [] };
  const sa = r.str(spec, "serviceAccountName", at);
  if (sa !== undefined) out.serviceAccountName = sa;
  const saOld = r.str(spec, "serviceAccount", at);
  if (saOld !== undefined) out.serviceAccount = saOld;
  const automount = r.bool(spec, "automountServiceAccountToken", at);
  if (automount !== undefined) out.automountServiceAccountToken = automount;
  const nodeName = r.str(spec, "nodeName", at);
  if (nodeName !== undefined) out.nodeName = nodeName;
  const hostPID = r.bool(spec, "hostPID", at);
  if (hostPID !== undefined) out.hostPID = hostPID;
  const hostIPC = r.bool(spec, "hostIPC", at);
  if (hostIPC !== undefined) out.hostIPC = hostIPC;
  const hostNetwork = r.bool(spec, "hostNetwork", at);
  if (hostNetwork !== undefined) out.hostNetwork = hostNetwork;
  const psc = r.obj(spec, "securityContext", at);
  if (psc !== undefined) {
    const pAt = joinPath(at, "securityContext");
    const sc: Mutable<PodSecurityContext> = {};
    const runAsUser = r.int(psc, "runAsUser", pAt);
    if (runAsUser !== undefined) sc.runAsUser = runAsUser;
    const runAsNonRoot = r.bool(psc, "runAsNonRoot", pAt);
    if (runAsNonRoot !== undefined) sc.runAsNonRoot = runAsNonRoot;
    const aa = readAppArmor(r, psc, pAt);
    if (aa !== undefined) sc.appArmorProfile = aa;
    out.securityContext = sc;
  }
  const init = readContainers(r, spec, "initContainers", at);
  if (init !== undefined) out.initContainers = init;
  const eph = readContainers(r, spec, "ephemeralContainers", at);
  if (eph !== undefined) out.ephemeralContainers = eph;
  const volumes = r.objList(spec, "volumes", at);
  if (volumes !== undefined) out.volumes = volumes.map(({ value, at: vat }) => readVolume(r, value, vat));
  const spn = r.bool(spec, "shareProcessNamespace", at);
  if (spn !== undefined) out.shareProcessNamespace = spn;
  const pulls = r.objList(spec, "imagePullSecrets", at);
  if (pulls !== undefined) out.imagePullSecrets = pulls.map(({ value, at: pat }) => ({ name: r.str(value, "name", pat) ?? "" }));
  return out;
}

function readAppArmor(r: FieldReader, parent: Obj, at: string): AppArmorProfile | undefined {
  const aa = r.obj(parent, "appArmorProfile", at);
  if (aa === undefined) return undefined;
  const aAt = joinPath(at, "appArmorProfile");
  const out: Mutable<AppArmorProfile> = { type: r.str(aa, "type", aAt, true) ?? "" };
  const lp = r.str(aa, "localhostProfile", aAt);
  if (lp !== undefined) out.localhostProfile = lp;
  return out;
}

function readContainers(r: FieldReader, spec: Obj, key: string, at: string, required = false): readonly Container[] | undefined {
  const list = r.objList(spec, key, at, required);
  if (list === undefined) return undefined;
  return list.map(({ value, at: cat }) => readContainer(r, value, cat));
}

function readContainer(r: FieldReader, c: Obj, at: string): Container {
  const out: Mutable<Container> = { name: r.str(c, "name", at, true) ?? "" };
  const image = r.str(c, "image", at);
  if (image !== undefined) out.image = image;
  const sc = r.obj(c, "securityContext", at);
  if (sc !== undefined) out.securityContext = readSecurityContext(r, sc, joinPath(at, "securityContext"));
  const mounts = r.objList(c, "volumeMounts", at);
  if (mounts !== undefined) {
    out.volumeMounts = mounts.map(({ value, at: mat }) => {
      const m: Mutable<VolumeMount> = { name: r.str(value, "name", mat, true) ?? "", mountPath: r.str(value, "mountPath", mat, true) ?? "" };
      const ro = r.bool(value, "readOnly", mat);
      if (ro !== undefined) m.readOnly = ro;
      const subPath = r.str(value, "subPath", mat);
      if (subPath !== undefined) m.subPath = subPath;
      return m;
    });
  }
  const env = r.objList(c, "env", at);
  if (env !== undefined) {
    // Only names and secret references: literal `value`s stay in the manifest.
    out.env = env.map(({ value, at: eat }) => {
      const e: Mutable<EnvVar> = { name: r.str(value, "name", eat, true) ?? "" };
      const from = r.obj(value, "valueFrom", eat);
      const ref = from === undefined ? undefined : r.obj(from, "secretKeyRef", joinPath(eat, "valueFrom"));
      if (ref !== undefined) {
        const rAt = joinPath(eat, "valueFrom.secretKeyRef");
        const secretKeyRef: { name: string; key?: string } = { name: r.str(ref, "name", rAt) ?? "" };
        const key = r.str(ref, "key", rAt);
        if (key !== undefined) secretKeyRef.key = key;
        e.valueFrom = { secretKeyRef };
      }
      return e;
    });
  }
  const envFrom = r.objList(c, "envFrom", at);
  if (envFrom !== undefined) {
    out.envFrom = envFrom.map(({ value, at: eat }) => {
      const e: Mutable<EnvFromSource> = {};
      const ref = r.obj(value, "secretRef", eat);
      if (ref !== undefined) e.secretRef = { name: r.str(ref, "name", joinPath(eat, "secretRef")) ?? "" };
      return e;
    });
  }
  const stdin = r.bool(c, "stdin", at);
  if (stdin !== undefined) out.stdin = stdin;
  const restartPolicy = r.str(c, "restartPolicy", at);
  if (restartPolicy !== undefined) out.restartPolicy = restartPolicy;
  const ports = r.objList(c, "ports", at);
  if (ports !== undefined) {
    out.ports = ports.map(({ value, at: pat }) => {
      const p: { containerPort: number; hostPort?: number } = { containerPort: r.int(value, "containerPort", pat, true) ?? 0 };
      const hostPort = r.int(value, "hostPort", pat);
      if (hostPort !== undefined) p.hostPort = hostPort;
      return p;
    });
  }
  return out;
}

function readSecurityContext(r: FieldReader, sc: Obj, at: string): SecurityContext {
  const out: Mutable<SecurityContext> = {};
  const privileged = r.bool(sc, "privileged", at);
  if (privileged !== undefined) out.privileged = privileged;
  const ape = r.bool(sc, "allowPrivilegeEscalation", at);
  if (ape !== undefined) out.allowPrivilegeEscalation = ape;
  const runAsUser = r.int(sc, "runAsUser", at);
  if (runAsUser !== undefined) out.runAsUser = runAsUser;
  const runAsNonRoot = r.bool(sc, "runAsNonRoot", at);
  if (runAsNonRoot !== undefined) out.runAsNonRoot = runAsNonRoot;
  const caps = r.obj(sc, "capabilities", at);
  if (caps !== undefined) {
    const cAt = joinPath(at, "capabilities");
    const c: Mutable<Capabilities> = {};
    const add = r.strList(caps, "add", cAt);
    if (add !== undefined) c.add = add;
    const drop = r.strList(caps, "drop", cAt);
    if (drop !== undefined) c.drop = drop;
    out.capabilities = c;
  }
  const aa = readAppArmor(r, sc, at);
  if (aa !== undefined) out.appArmorProfile = aa;
  const procMount = r.str(sc, "procMount", at);
  if (procMount !== undefined) out.procMount = procMount;
  return out;
}

function readVolume(r: FieldReader, v: Obj, at: string): Volume {
  const out: Mutable<Volume> = { name: r.str(v, "name", at, true) ?? "" };
  const hostPath = readHostPath(r, v, at);
  if (hostPath !== undefined) out.hostPath = hostPath;
  const secret = r.obj(v, "secret", at);
  if (secret !== undefined) {
    const secretName = r.str(secret, "secretName", joinPath(at, "secret"));
    out.secret = secretName === undefined ? {} : { secretName };
  }
  const azureFile = r.obj(v, "azureFile", at);
  if (azureFile !== undefined) out.azureFile = { secretName: r.str(azureFile, "secretName", joinPath(at, "azureFile")) ?? "" };
  for (const plugin of ["cephfs", "cinder", "flexVolume", "iscsi", "rbd", "scaleIO", "storageos"] as const) {
    const p = r.obj(v, plugin, at);
    const ref = p === undefined ? undefined : r.obj(p, "secretRef", joinPath(at, plugin));
    if (ref !== undefined) out[plugin] = { secretRef: { name: r.str(ref, "name", joinPath(at, `${plugin}.secretRef`)) ?? "" } };
  }
  const csi = r.obj(v, "csi", at);
  const npsr = csi === undefined ? undefined : r.obj(csi, "nodePublishSecretRef", joinPath(at, "csi"));
  if (npsr !== undefined) out.csi = { nodePublishSecretRef: { name: r.str(npsr, "name", joinPath(at, "csi.nodePublishSecretRef")) ?? "" } };
  const projected = r.obj(v, "projected", at);
  if (projected !== undefined) {
    const pAt = joinPath(at, "projected");
    const sources = r.objList(projected, "sources", pAt);
    type Source = Mutable<NonNullable<NonNullable<Volume["projected"]>["sources"]>[number]>;
    out.projected =
      sources === undefined
        ? {}
        : {
            sources: sources.map(({ value, at: sat }) => {
              const s: Source = {};
              const tok = r.obj(value, "serviceAccountToken", sat);
              if (tok !== undefined) {
                const tAt = joinPath(sat, "serviceAccountToken");
                const t: { path: string; audience?: string; expirationSeconds?: number } = { path: r.str(tok, "path", tAt, true) ?? "" };
                const audience = r.str(tok, "audience", tAt);
                if (audience !== undefined) t.audience = audience;
                const exp = r.int(tok, "expirationSeconds", tAt);
                if (exp !== undefined) t.expirationSeconds = exp;
                s.serviceAccountToken = t;
              }
              const sec = r.obj(value, "secret", sat);
              if (sec !== undefined) {
                const name = r.str(sec, "name", joinPath(sat, "secret"));
                s.secret = name === undefined ? {} : { name };
              }
              return s;
            }),
          };
  }
  const pvc = r.obj(v, "persistentVolumeClaim", at);
  if (pvc !== undefined) {
    const cAt = joinPath(at, "persistentVolumeClaim");
    const claim: { claimName: string; readOnly?: boolean } = { claimName: r.str(pvc, "claimName", cAt, true) ?? "" };
    const ro = r.bool(pvc, "readOnly", cAt);
    if (ro !== undefined) claim.readOnly = ro;
    out.persistentVolumeClaim = claim;
  }
  return out;
}
