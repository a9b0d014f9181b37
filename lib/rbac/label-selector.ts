/**
 * Kubernetes label selectors (metav1.LabelSelector as converted by LabelSelectorAsSelector):
 * matchLabels AND matchExpressions; an empty selector matches everything; an invalid selector
 * (In/NotIn without values, Exists/DoesNotExist with values, unknown operator) is reported and
 * matches nothing.
 */
import type { LabelSelector, Labels } from "@/lib/rbac/objects";

export type SelectorCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

export function validateLabelSelector(selector: LabelSelector): SelectorCheck {
  for (const req of selector.matchExpressions ?? []) {
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) return { valid: false, reason: `operator ${req.operator} on "${req.key}" needs values` };
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) return { valid: false, reason: `operator ${req.operator} on "${req.key}" takes no values` };
        break;
      default:
        return { valid: false, reason: `unknown operator "${String(req.operator)}" on "${req.key}"` };
    }
  }
  return { valid: true };
}

export function labelSelectorMatches(selector: LabelSelector, labels: Labels | undefined): boolean {
  if (!validateLabelSelector(selector).valid) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.hasOwn(have, key) || have[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, req.key);
    const value = have[req.key];
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
        if (!present || value === undefined || !values.includes(value)) return false;
        break;
      case "NotIn":
        if (present && value !== undefined && values.includes(value)) return false;
        break;
      case "Exists":
        if (!present) return false;
        break;
      case "DoesNotExist":
        if (present) return false;
        break;
    }
  }
  return true;
}
