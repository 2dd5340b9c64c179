const ts = require("typescript");
const prog = ts.createProgram([process.argv[2]], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true });
const checker = prog.getTypeChecker();
const sf = prog.getSourceFile(process.argv[2]);
function expand(t, depth, indent) {
  if (depth > 8) return checker.typeToString(t);
  if (t.isUnion()) return t.types.map((u) => expand(u, depth, indent)).join(" | ");
  const props = t.getProperties();
  if (!(t.flags & ts.TypeFlags.Object) || props.length === 0 || checker.isArrayType(t) || checker.isTupleType(t)) {
    if (checker.isArrayType(t)) { const e = checker.getTypeArguments(t)[0]; return `readonly (${expand(e, depth + 1, indent)})[]`; }
    return checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
  }
  const sig = t.getCallSignatures(); if (sig.length) return checker.typeToString(t);
  const lines = props.map((p) => {
    const pt = checker.getTypeOfSymbol(p);
    const opt = p.flags & ts.SymbolFlags.Optional ? "?" : "";
    const nn = opt ? checker.getNonNullableType(pt) : pt;
    return `${indent}  readonly ${p.name}${opt}: ${expand(nn, depth + 1, indent + "  ")};`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}
for (const st of sf.statements) if (ts.isTypeAliasDeclaration(st)) {
  const t = checker.getTypeAtLocation(st.name);
  console.log(`export type ${st.name.text} = ${expand(t, 0, "")};\n`);
}
