import { describe, expect, it } from "vitest";
import { TECHNIQUE_IDS } from "@/lib/analysis/catalog";
import { allTechniqueTexts, isTechniqueId, techniqueText } from "./technique-text";

describe("technique text", () => {
  it.each(TECHNIQUE_IDS.map((id) => [id]))("%s has a name and exactly one sentence of how it works", (id) => {
    const text = techniqueText(id);
    expect(text.name.length).toBeGreaterThan(3);
    expect(text.how).not.toBeNull();
    const how = text.how ?? "";
    expect(how).toMatch(/^[A-Za-z].*\.$/);
    // one sentence: no sentence break inside
    expect(how.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
  });

  it("lists every technique once, in catalog order", () => {
    expect(allTechniqueTexts().map((t) => t.id)).toEqual([...TECHNIQUE_IDS]);
  });

  it.each([
    ["POD_EXEC", true],
    ["pod_exec", false],
    ["DEFAULT_SA_AUTOMOUNT", false],
    ["", false],
  ] as const)("isTechniqueId(%j) is %s", (value, expected) => {
    expect(isTechniqueId(value)).toBe(expected);
  });

  it("shows an unknown id as itself without inventing an explanation", () => {
    expect(techniqueText("SOMETHING_NEW")).toEqual({ id: "SOMETHING_NEW", name: "SOMETHING_NEW", how: null });
  });
});
