// Reads Argdown with the reference implementation (@argdown/core) and prints what it saw as JSON.
//
//   node check.mjs FILE        one Argdown document (FILE "-" or no FILE: stdin)
//   node check.mjs --batch     a JSON list of Argdown documents on stdin, a JSON list out
//   node check.mjs --lines     the same for each line of stdin, one line out per line in, so
//                              that one node process serves a whole test run
//
// For each document: {"errors": [...], "statements": [...], "arguments": [...], "relations": [...]}
// where errors are the lexer's and parser's (and any plugin exception), statements and arguments
// are the model's equivalence classes and arguments (title, text, tags), and relations are
// {from, fromType, to, toType, type} with type "support", "attack", "undercut", "contrary", ...
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import {
  ArgdownApplication,
  IEquivalenceClass,
  ModelPlugin,
  ParserPlugin,
} from "@argdown/core";

const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), "parse-input");
app.addPlugin(new ModelPlugin(), "build-model");

const position = (token) =>
  token && Number.isFinite(token.startLine)
    ? { line: token.startLine, column: token.startColumn }
    : {};

function check(input) {
  const response = app.run({
    input,
    process: ["parse-input", "build-model"],
    logLevel: "error",
    model: { removeTagsFromText: true },
    throwExceptions: false,
  });
  const errors = [
    ...(response.lexerErrors ?? []).map((e) => ({
      kind: "lexer",
      message: e.message,
      line: e.line,
      column: e.column,
    })),
    ...(response.parserErrors ?? []).map((e) => ({
      kind: "parser",
      message: e.message,
      ...position(e.token),
    })),
    ...(response.exceptions ?? []).map((e) => ({ kind: "exception", message: String(e) })),
  ];
  const statements = Object.values(response.statements ?? {}).map((ec) => ({
    title: ec.title,
    text: IEquivalenceClass.getCanonicalMemberText(ec) ?? null,
    tags: ec.tags ?? [],
  }));
  const args = Object.values(response.arguments ?? {}).map((a) => ({
    title: a.title,
    tags: a.tags ?? [],
  }));
  const relations = (response.relations ?? []).map((r) => ({
    from: r.from?.title ?? null,
    fromType: r.from?.type ?? null,
    to: r.to?.title ?? null,
    toType: r.to?.type ?? null,
    type: r.relationType,
  }));
  return { errors, statements, arguments: args, relations };
}

const args = process.argv.slice(2);
if (args[0] === "--lines") {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) {
      process.stdout.write(JSON.stringify(JSON.parse(line).map(check)) + "\n");
    }
  }
} else if (args[0] === "--batch") {
  const documents = JSON.parse(readFileSync(0, "utf8"));
  process.stdout.write(JSON.stringify(documents.map(check)) + "\n");
} else {
  const file = args[0] && args[0] !== "-" ? args[0] : 0;
  process.stdout.write(JSON.stringify(check(readFileSync(file, "utf8"))) + "\n");
}
