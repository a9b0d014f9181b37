// Next's bundled copy of path-to-regexp (what it compiles proxy matchers with) ships no types.
declare module "next/dist/compiled/path-to-regexp" {
  export function pathToRegexp(path: string): RegExp;
}
