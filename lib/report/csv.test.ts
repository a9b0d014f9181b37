import { describe, expect, it } from "vitest";
import { reportFromSources } from "@/lib/pipeline/report-source";
import { csvCell, renderCsvTable } from "./render/csv";
import { zipFiles } from "./zip";

const HOSTILE = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: "=HYPERLINK(\\"http://evil.example/?x\\",\\"click\\")" }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: "@cmd" }
subjects: [{ kind: User, name: "+alice" }, { kind: User, name: "@cmd" }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "=HYPERLINK(\\"http://evil.example/?x\\",\\"click\\")" }
`;

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(["=1+1", "+1", "-1", "@cmd", "\tx", "\rx", "plain"].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@cmd", "'\tx", `"'\rx"`, "plain"]);
  });

  it("never starts a cell with a formula character for hostile object names", () => {
    const report = reportFromSources([{ path: "hostile.yaml", content: HOSTILE }], { acceptances: [], name: "hostile" });
    const all = ["findings", "paths", "who-can", "fixes"].map((t) => renderCsvTable(report, t as never)).join("");
    expect(all).toContain("'=HYPERLINK(");
    expect(all).toContain("'@cmd");
    expect(all).toContain(",'+alice,");
    const cells = all.split(/\r\n/).flatMap((line) => line.split(","));
    for (const cell of cells) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+@]/);
  });

  it("bundles the tables in a zip with valid local headers and directory", () => {
    const zip = zipFiles([{ name: "a.csv", content: "x\r\n" }, { name: "b.csv", content: "y\r\n" }]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const end = zip.length - 22;
    expect([zip.readUInt32LE(end), zip.readUInt16LE(end + 10)]).toEqual([0x06054b50, 2]);
    expect(zip.toString("utf8")).toContain("a.csv");
  });
});
