import { podFieldKey } from "./cause";
import { describe, expect, it } from "vitest";
import type { Container, PodSpec, ServiceAccount } from "@/lib/cluster/objects";
import { DEFAULT_API_AUDIENCES } from "./context";
import { escapesOf, isEscapeHostPath, psaLevelOf, tokensHeld } from "./pods";

describe("§3.20 sensitive host paths (as amended by v2 §3.34)", () => {
  it.each([
    ["/", true, true],
    ["/var/lib/kubelet/pods/", true, false],
    ["/var/lib/kubelet/pods/", false, true],
    ["/var", true, false],
    ["/var", false, true],
    ["/run/k3s/containerd/containerd.sock", true, true],
    ["/opt/cni/bin/bridge", false, true],
    ["/var/spool/cron/crontabs", false, true],
    ["/srv/data", false, false],
    ["/var/cache/x", false, false],
    ["//var//run//docker.sock", true, true],
    ["/run/containerd", true, true],
    ["/root", true, true],
    ["/home/alice/.ssh", true, true],
    ["/root/.ssh/authorized_keys", true, true],
    ["/home/alice", false, false],
    ["/etc", true, false],
    ["/etc", false, true],
    ["/etc/kubernetes/manifests", false, true],
    ["/etc/kubernetes/manifests", true, false],
    ["/etc/cron.d/job", false, true],
    ["/etc/passwd", false, false],
    ["/usr/local", false, true],
    ["/usr/local", true, false],
    ["/proc/sys/kernel", false, true],
    ["/var/lib/kubelet/plugins", false, true],
    ["/var/lib/kubelet/plugins", true, false],
    ["/var/log", false, false],
    ["/dev", false, false],
  ])("%s (readOnly %s) → escape %s", (path, readOnly, escape) => {
    expect(isEscapeHostPath(path, readOnly)).toBe(escape);
  });
});

const c = (name: string, sc: Container["securityContext"] = {}, extra: Partial<Container> = {}): Container => ({ name, securityContext: sc, ...extra });
const unconfined = { appArmorProfile: { type: "Unconfined" as const } };

describe("§3.19–3.23 escapes with §5 precedence (first = canonical)", () => {
  it.each<[string, PodSpec, Record<string, string> | undefined, string[]]>([
    ["privileged wins over hostPath /", { containers: [c("a", { privileged: true }, { volumeMounts: [{ name: "h", mountPath: "/h" }] })], volumes: [{ name: "h", hostPath: { path: "/" } }] }, undefined, ["PRIVILEGED_POD_NODE_ESCAPE", "HOSTPATH_ESCAPE"]],
    ["hostPath / mounted with a subPath exposes only that directory", { containers: [c("a", {}, { volumeMounts: [{ name: "h", mountPath: "/h", subPath: "var/log/app" }] })], volumes: [{ name: "h", hostPath: { path: "/" } }] }, undefined, []],
    ["hostPath /var with subPath run/docker.sock is the runtime socket", { containers: [c("a", {}, { volumeMounts: [{ name: "h", mountPath: "/s", subPath: "run/docker.sock", readOnly: true }] })], volumes: [{ name: "h", hostPath: { path: "/var" } }] }, undefined, ["HOSTPATH_ESCAPE"]],
    ["an unmounted hostPath volume is no escape", { containers: [c("a")], volumes: [{ name: "h", hostPath: { path: "/" } }] }, undefined, []],
    ["privileged init container", { containers: [c("a")], initContainers: [c("i", { privileged: true })] }, undefined, ["PRIVILEGED_POD_NODE_ESCAPE"]],
    ["hostPID + SYS_PTRACE confined: nothing", { hostPID: true, containers: [c("a", { capabilities: { add: ["SYS_PTRACE"] } })] }, undefined, []],
    ["hostPID + SYS_PTRACE unconfined", { hostPID: true, containers: [c("a", { capabilities: { add: ["SYS_PTRACE"] }, ...unconfined })] }, undefined, ["HOSTPID_ESCAPE"]],
    ["SYS_PTRACE unconfined without hostPID: nothing", { containers: [c("a", { capabilities: { add: ["SYS_PTRACE"] }, ...unconfined })] }, undefined, []],
    ["SYS_ADMIN confined: nothing", { containers: [c("a", { capabilities: { add: ["SYS_ADMIN"] } })] }, undefined, []],
    ["CAP_SYS_ADMIN unconfined by the legacy annotation", { containers: [c("a", { capabilities: { add: ["CAP_SYS_ADMIN"] } })] }, { "container.apparmor.security.beta.kubernetes.io/a": "unconfined" }, ["CAP_SYS_ADMIN_ESCAPE"]],
    ["pod-level Unconfined overridden by the container's RuntimeDefault", { securityContext: unconfined, containers: [c("a", { capabilities: { add: ["SYS_ADMIN"] }, appArmorProfile: { type: "RuntimeDefault" } })] }, undefined, []],
    ["ALL in a non-privileged container is SYS_MODULE first", { containers: [c("a", { capabilities: { add: ["ALL"] }, ...unconfined })] }, undefined, ["CAP_SYS_MODULE_ESCAPE", "CAP_SYS_ADMIN_ESCAPE"]],
    ["SYS_MODULE needs no AppArmor", { containers: [c("a", { capabilities: { add: ["sys_module"] } })] }, undefined, ["CAP_SYS_MODULE_ESCAPE"]],
  ])("%s", (_name, spec, annotations, expected) => {
    expect(escapesOf(spec, annotations).map((e) => e.technique)).toEqual(expected);
  });
});

const sa = (name: string, automount?: boolean): ServiceAccount =>
  ({ kind: "ServiceAccount", metadata: { name, namespace: "team" }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) }) as ServiceAccount;
const audiences = new Set(DEFAULT_API_AUDIENCES);

describe("§1.4 tokens a pod holds", () => {
  const sas = new Map([["quiet", sa("quiet", false)], ["loud", sa("loud")], ["default", sa("default")]]);
  const legacy = new Map([["admin-token", "admin"]]);
  const held = (spec: PodSpec) => tokensHeld(spec, (n) => sas.get(n), (s) => legacy.get(s), audiences).map((t) => `${t.serviceAccount}:${podFieldKey(t.field)}`);
  it.each<[string, PodSpec, string[]]>([
    ["no serviceAccountName → default, automount", { containers: [c("a")] }, ["default:automount"]],
    ["deprecated serviceAccount field", { serviceAccount: "loud", containers: [c("a")] }, ["loud:automount"]],
    ["SA automount false, pod unset: none", { serviceAccountName: "quiet", containers: [c("a")] }, []],
    ["SA automount false, pod true: the pod wins", { serviceAccountName: "quiet", automountServiceAccountToken: true, containers: [c("a")] }, ["quiet:automount"]],
    ["pod false, projected token without audience", { serviceAccountName: "loud", automountServiceAccountToken: false, containers: [c("a")], volumes: [{ name: "t", projected: { sources: [{ serviceAccountToken: { path: "t" } }] } }] }, ["loud:projected"]],
    ["pod false, projected token for vault: none", { serviceAccountName: "loud", automountServiceAccountToken: false, containers: [c("a")], volumes: [{ name: "t", projected: { sources: [{ serviceAccountToken: { path: "t", audience: "vault" } }] } }] }, []],
    ["a legacy token Secret in env of another SA", { serviceAccountName: "quiet", containers: [c("a", {}, { env: [{ name: "T", valueFrom: { secretKeyRef: { name: "admin-token", key: "token" } } }] })] }, ["admin:secret:admin-token"]],
    ["a Secret that is no valid token: nothing", { serviceAccountName: "quiet", containers: [c("a", {}, { envFrom: [{ secretRef: { name: "other" } }] })] }, []],
  ])("%s", (_name, spec, expected) => {
    expect(held(spec)).toEqual(expected);
  });
});

describe("§1.6 PSA level of a namespace", () => {
  const ns = (labels?: Record<string, string>) => ({ kind: "Namespace" as const, metadata: { name: "n", ...(labels ? { labels } : {}) } });
  it.each<[string, Record<string, string> | undefined, string]>([
    ["missing label → the configured default", undefined, "privileged"],
    ["other labels only → the default", { team: "a" }, "privileged"],
    ["baseline", { "pod-security.kubernetes.io/enforce": "baseline" }, "baseline"],
    ["invalid level → restricted", { "pod-security.kubernetes.io/enforce": "Privileged" }, "restricted"],
    ["empty level → restricted", { "pod-security.kubernetes.io/enforce": "" }, "restricted"],
  ])("%s", (_name, labels, expected) => {
    expect(psaLevelOf(ns(labels), "privileged")).toBe(expected);
  });
});
