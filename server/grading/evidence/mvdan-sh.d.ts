/**
 * The part of mvdan-sh (mvdan/sh's parser compiled to JavaScript) that the
 * command recorder's parser uses. Nodes are Go structs seen from JavaScript;
 * `syntax.NodeType` names their type.
 */
declare module 'mvdan-sh' {
  export interface ShNode {
    readonly [field: string]: unknown;
  }
  export interface ShFile extends ShNode {
    readonly Stmts: ShNode[];
  }
  export interface ShParser {
    /** Throws a ParseError object (not an Error) on a syntax error. */
    Parse(src: string, name: string): ShFile;
  }
  export interface ShSyntax {
    NewParser(...options: unknown[]): ShParser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: unknown): unknown;
    readonly LangBash: unknown;
    NodeType(node: ShNode): string;
    /** Visits nodes depth first in source order; returning false skips a node's children. */
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
  }
  const sh: { syntax: ShSyntax };
  export default sh;
}
