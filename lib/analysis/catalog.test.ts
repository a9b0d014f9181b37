import { describe, expect, it } from "vitest";
import { CANONICAL_ORDER, TECHNIQUE_IDS, techniqueIndex } from "./catalog";
import { TECHNIQUES } from "./techniques";

const before = (a: string, b: string) => CANONICAL_ORDER.indexOf(a as never) < CANONICAL_ORDER.indexOf(b as never);

describe("technique catalog derived from the technique list", () => {
  it("lists every registered technique once, in §3 section order 1…33", () => {
    expect(TECHNIQUE_IDS).toHaveLength(33);
    expect(new Set(TECHNIQUE_IDS).size).toBe(33);
    const sections = TECHNIQUE_IDS.map((id) => TECHNIQUES.find((t) => t.id === id)?.section);
    expect(sections).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(TECHNIQUE_IDS[0]).toBe("POD_CREATE_TOKEN_THEFT");
    expect(TECHNIQUE_IDS[32]).toBe("SHARE_PS_NAMESPACE");
  });

  it("orders the same hop by §5: escapes PRIVILEGED > HOSTPATH > HOSTPID > CAP_SYS_MODULE > CAP_SYS_ADMIN > VAR_LOG_SYMLINK", () => {
    const escapes = ["PRIVILEGED_POD_NODE_ESCAPE", "HOSTPATH_ESCAPE", "HOSTPID_ESCAPE", "CAP_SYS_MODULE_ESCAPE", "CAP_SYS_ADMIN_ESCAPE", "VAR_LOG_SYMLINK"];
    for (let i = 1; i < escapes.length; i++) expect(before(escapes[i - 1]!, escapes[i]!)).toBe(true);
  });

  it("puts v2's identity techniques after v1's list: SECRET_READ, POD_EPHEMERAL_CONTAINER, NODE_AUTHZ_TOKEN_REQUEST, NODE_AUTHZ_SECRET_READ", () => {
    const tail = ["ROLE_ESCALATE", "SECRET_READ", "POD_EPHEMERAL_CONTAINER", "NODE_AUTHZ_TOKEN_REQUEST", "NODE_AUTHZ_SECRET_READ"];
    for (let i = 1; i < tail.length; i++) expect(before(tail[i - 1]!, tail[i]!)).toBe(true);
    expect(before("POD_SA_TOKEN", "SHARE_PS_NAMESPACE")).toBe(true);
    expect(CANONICAL_ORDER[0]).toBe("CLUSTER_ADMIN_EQUIVALENT");
  });

  it("refuses an id no technique registers (its hops would silently vanish)", () => {
    expect(() => techniqueIndex("NOT_A_TECHNIQUE" as never)).toThrow(/not registered/);
  });
});
