import { describe, expect, it } from "vitest";
import { formatIssue, parseSources, trimManifest } from "@/lib/ingest";

const SECRET_VALUE = "c3VwZXItc2VjcmV0LXBhc3N3b3Jk"; // base64 of the password below
const PLAIN_VALUE = "super-secret-password";

const secretYaml = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: payments
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","data":{"password":"${SECRET_VALUE}"},"kind":"Secret"}'
    team: payments
  managedFields:
  - manager: kubectl
    fieldsV1: {"f:data": {"f:password": {}}}
type: Opaque
data:
  password: ${SECRET_VALUE}
stringData:
  extra: ${PLAIN_VALUE}
`;

describe("Secret values never survive the parser", () => {
  it("keeps metadata, type and key names, and nothing of the values", () => {
    const r = parseSources([{ path: "s.yaml", content: `${secretYaml}---\n${secretYaml}` }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const secret = r.objects[0];
    expect(secret?.object).toEqual({
      kind: "Secret",
      metadata: { name: "db", namespace: "payments", annotations: { team: "payments" } },
      type: "Opaque",
      dataKeys: ["extra", "password"],
    });
    expect(secret?.manifest).not.toHaveProperty("data");
    expect(secret?.manifest).not.toHaveProperty("metadata.managedFields");
    const everything = JSON.stringify(r);
    expect(everything).not.toContain(SECRET_VALUE);
    expect(everything).not.toContain(PLAIN_VALUE);
    expect(r.summary.warnings.length).toBeGreaterThan(0); // the duplicate warning is checked too
  });

  it("keeps values out of issues when a Secret is malformed", () => {
    const bad = secretYaml.replace("type: Opaque", "type: [Opaque]");
    const r = parseSources([{ path: "s.yaml", content: bad }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = JSON.stringify(r.issues) + r.issues.map(formatIssue).join("\n");
    expect(text).toContain("type: expected a string, got a list");
    expect(text).not.toContain(SECRET_VALUE);
    expect(text).not.toContain(PLAIN_VALUE);
  });

  it("keeps values out of YAML syntax errors", () => {
    const r = parseSources([{ path: "s.yaml", content: `kind: Secret\ndata:\n  password: "${PLAIN_VALUE}" trailing\n` }]);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(PLAIN_VALUE);
  });

  it("redacts a Secret of a typed SecretList whose items carry no kind", () => {
    const list = `apiVersion: v1\nkind: SecretList\nitems:\n- metadata: {name: a, namespace: x}\n  data: {k: ${SECRET_VALUE}}\n`;
    const r = parseSources([{ path: "l.yaml", content: list }]);
    expect(r.ok && r.objects[0]?.kind).toBe("Secret");
    expect(JSON.stringify(r)).not.toContain(SECRET_VALUE);
  });
});

describe("trimManifest", () => {
  it("drops managedFields everywhere and leaves the input untouched", () => {
    const raw = { kind: "Role", metadata: { name: "r", managedFields: [{ manager: "x" }], annotations: { a: "b" } }, rules: [] };
    const out = trimManifest(raw);
    expect(out).toEqual({ kind: "Role", metadata: { name: "r", annotations: { a: "b" } }, rules: [] });
    expect(raw.metadata.managedFields).toHaveLength(1);
  });

  it("returns a non-Secret without managedFields as is", () => {
    const raw = { kind: "Role", metadata: { name: "r" } };
    expect(trimManifest(raw)).toBe(raw);
  });

  it("drops a Secret's data, stringData and last-applied annotation", () => {
    const raw = { kind: "Secret", metadata: { name: "s", annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}", keep: "1" } }, data: { a: "x" }, stringData: { b: "y" }, type: "Opaque" };
    expect(trimManifest(raw)).toEqual({ kind: "Secret", metadata: { name: "s", annotations: { keep: "1" } }, type: "Opaque" });
  });
});

describe("trimManifest keeps what pages show and drops the noise", () => {
  it("drops last-applied-configuration and status from every kind, keeping a Pod's phase", () => {
    const pod = {
      kind: "Pod",
      metadata: { name: "p", labels: { app: "x" }, annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}", team: "a" } },
      spec: { serviceAccountName: "sa", containers: [{ name: "c", image: "i" }] },
      status: { phase: "Running", conditions: [{ type: "Ready" }], containerStatuses: [{ name: "c" }] },
    };
    expect(trimManifest(pod)).toEqual({
      kind: "Pod",
      metadata: { name: "p", labels: { app: "x" }, annotations: { team: "a" } },
      spec: { serviceAccountName: "sa", containers: [{ name: "c", image: "i" }] },
      status: { phase: "Running" },
    });
    expect(pod.status.conditions).toHaveLength(1);
    const node = { kind: "Node", metadata: { name: "n" }, spec: { podCIDR: "10.0.0.0/24" }, status: { images: [{ names: ["a"] }] } };
    expect(trimManifest(node)).toEqual({ kind: "Node", metadata: { name: "n" }, spec: { podCIDR: "10.0.0.0/24" } });
  });

  it("returns a Pod whose status is only its phase as is", () => {
    const pod = { kind: "Pod", metadata: { name: "p" }, status: { phase: "Pending" } };
    expect(trimManifest(pod)).toBe(pod);
  });
});
