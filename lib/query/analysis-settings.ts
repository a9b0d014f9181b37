/**
 * v2 §1.13 modelling switches as front-ends take them: `NAME=VALUE` with the spec's own names
 * (`nodeAuthorizer=off`, `nodeAudienceRestriction=off`, `ephemeralSecretRefs=off`, `hostPathWrite=any`).
 * The defaults are the spec's; only what is given is returned.
 */
import type { AnalysisOptions } from "@/lib/analysis";

export type AnalysisSettings = Pick<AnalysisOptions, "nodeAuthorizer" | "nodeAudienceRestriction" | "ephemeralSecretRefs" | "hostPathWrite">;

const SWITCHES = ["nodeAuthorizer", "nodeAudienceRestriction", "ephemeralSecretRefs"] as const;
const ON = new Set(["on", "true"]);
const OFF = new Set(["off", "false"]);

export const SETTING_NAMES: readonly string[] = [...SWITCHES, "hostPathWrite"];

export type SettingsResult = { ok: true; settings: AnalysisSettings } | { ok: false; message: string };

export function parseAnalysisSettings(entries: readonly string[]): SettingsResult {
  const out: { -readonly [K in keyof AnalysisSettings]: AnalysisSettings[K] } = {};
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? "" : entry.slice(eq + 1).toLowerCase();
    if ((SWITCHES as readonly string[]).includes(name)) {
      if (!ON.has(value) && !OFF.has(value)) return { ok: false, message: `setting ${name} takes on or off, got "${entry}"` };
      out[name as (typeof SWITCHES)[number]] = ON.has(value);
    } else if (name === "hostPathWrite") {
      if (value !== "listed" && value !== "any") return { ok: false, message: `setting hostPathWrite takes listed or any, got "${entry}"` };
      out.hostPathWrite = value;
    } else {
      return { ok: false, message: `unknown setting "${name}" (known: ${SETTING_NAMES.join(", ")}; write NAME=VALUE)` };
    }
  }
  return { ok: true, settings: out };
}
