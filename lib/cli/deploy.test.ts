import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "./args";
import { findCommand } from "./commands/registry";
import { scheduleOptionsOf, SCHEDULE_OPTIONS } from "./commands/schedule";

const DEPLOY = path.resolve(import.meta.dirname, "../../deploy");

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
}

/** What `kubectl apply -f deploy/` applies: every .yaml/.yml/.json file, each YAML document. */
function applied(): { file: string; doc: Doc }[] {
  return fs
    .readdirSync(DEPLOY)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(DEPLOY, file), "utf8")).map((d) => {
        expect(d.errors, `${file}: ${d.errors.map((e) => e.message).join("; ")}`).toEqual([]);
        return { file, doc: d.toJS() as Doc };
      }),
    );
}

type Container = { name: string; args?: string[]; env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] };
type PodSpec = { serviceAccountName?: string; automountServiceAccountToken?: boolean; containers: Container[] };

function find(kind: string, name: string): Doc {
  const hit = applied().find(({ doc }) => doc.kind === kind && doc.metadata.name === name);
  if (!hit) throw new Error(`deploy/ has no ${kind} ${name}`);
  return hit.doc;
}

const exampleSecret = parseAllDocuments(fs.readFileSync(path.join(DEPLOY, "rbac-atlas-secret.yaml.example"), "utf8"))[0]?.toJS() as Doc & { stringData: Record<string, string> };

describe("deploy/ manifests", () => {
  it("every document parses and is a complete object in the rbac-atlas namespace (or cluster-scoped)", () => {
    const docs = applied();
    const kinds = docs.map(({ doc }) => doc.kind).sort();
    for (const kind of ["ClusterRole", "ClusterRoleBinding", "CronJob", "Deployment", "Namespace", "Service", "ServiceAccount"]) expect(kinds).toContain(kind);
    for (const { file, doc } of docs) {
      expect(doc.apiVersion, file).toMatch(/^(v1|apps\/v1|batch\/v1|rbac\.authorization\.k8s\.io\/v1)$/);
      expect(doc.metadata.name, file).toMatch(/^[a-z0-9-]+$/);
      const clusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding"].includes(doc.kind);
      expect(doc.metadata.namespace, `${file} ${doc.kind}/${doc.metadata.name}`).toBe(clusterScoped ? undefined : "rbac-atlas");
    }
  });

  it("the dashboard serves beyond loopback with the token and DATABASE_URL from the Secret, without a Kubernetes token", () => {
    const deployment = find("Deployment", "rbac-atlas") as Doc & { spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } } };
    const pod = deployment.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    const [container] = pod.containers;
    expect(container?.args?.slice(0, 3)).toEqual(["serve", "--host", "0.0.0.0"]);
    const env = new Map((container?.env ?? []).map((e) => [e.name, e]));
    expect(env.get("RBAC_ATLAS_TOKEN")?.valueFrom?.secretKeyRef).toEqual({ name: "rbac-atlas", key: "token" });
    expect(env.get("DATABASE_URL")?.valueFrom?.secretKeyRef).toEqual({ name: "rbac-atlas", key: "database-url" });
    expect(env.get("RBAC_ATLAS_ALLOWED_HOSTS")?.value).toBeTruthy();
    // The Service selects the Deployment's pods.
    const service = find("Service", "rbac-atlas") as Doc & { spec: { selector: Record<string, string> } };
    for (const [k, v] of Object.entries(service.spec.selector)) expect(deployment.spec.template.metadata.labels[k]).toBe(v);
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
  });

  it("the CronJob runs `rbac-atlas schedule` in-cluster as the reader ServiceAccount, with flags the CLI accepts", () => {
    const cron = find("CronJob", "rbac-atlas-snapshot") as Doc & { spec: { schedule: string; concurrencyPolicy: string; jobTemplate: { spec: { template: { spec: PodSpec } } } } };
    expect(cron.spec.concurrencyPolicy).toBe("Forbid");
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe("rbac-atlas-reader");
    find("ServiceAccount", "rbac-atlas-reader");
    const [container] = pod.containers;
    const [command, ...args] = container?.args ?? [];
    expect(command).toBe("schedule");
    expect(findCommand("schedule")).toBeDefined();
    const { values, positionals } = parseCommandArgs(args, { ...SCHEDULE_OPTIONS, every: { type: "string" }, db: { type: "string" }, output: { type: "string", short: "o" } });
    expect(positionals).toEqual([]);
    const options = scheduleOptionsOf(values);
    expect(options).toMatchObject({ inCluster: true, retention: { keep: 48, dailyDays: 30 }, noSecrets: true });
    expect((container?.env ?? []).find((e) => e.name === "DATABASE_URL")?.valueFrom?.secretKeyRef).toEqual({ name: "rbac-atlas", key: "database-url" });
  });

  it("the Secret is an example with the keys the workloads read, kept out of `kubectl apply -f deploy/`", () => {
    expect(applied().some(({ doc }) => doc.kind === "Secret")).toBe(false);
    expect(exampleSecret).toMatchObject({ kind: "Secret", metadata: { name: "rbac-atlas", namespace: "rbac-atlas" } });
    expect(Object.keys(exampleSecret.stringData).sort()).toEqual(["database-url", "token"]);
    expect(exampleSecret.stringData["database-url"]).toMatch(/^postgresql:\/\//);
  });
});
