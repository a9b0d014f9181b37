#!/usr/bin/env -S node --max-semi-space-size=32
// Installed entry point (also `npm run cli` and the kubectl plugin): runs the compiled CLI bundle in
// this process, building it first when lib/ changed (bin/cli-bundle.mjs). Relative paths stay
// relative to the user's working directory.
import { pathToFileURL } from "node:url";
import { ensureCliBundle, PACKAGE_ROOT } from "./cli-bundle.mjs";

const entry = await ensureCliBundle(PACKAGE_ROOT);
process.env.RBAC_ATLAS_ROOT = PACKAGE_ROOT;
// `npm run cli` and `npm start` start us in the package root and says where the user was in INIT_CWD; called any
// other way (on PATH, as a kubectl plugin), where we were started is where the user is — even when an
// INIT_CWD leaks in from an enclosing npm script.
if (!["cli", "start"].includes(process.env.npm_lifecycle_event ?? "") || !process.env.INIT_CWD) process.env.INIT_CWD = process.cwd();
const { runProcess } = await import(pathToFileURL(entry).href);
await runProcess(process.argv.slice(2));
