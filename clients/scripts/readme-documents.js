// Write each ```graphql block of the repository's README.md to
// generated/readme/block-NN.graphql for graphql-codegen, anonymous operations named
// ReadmeNN_M (the client preset skips anonymous ones; a frontend names them). The
// blocks as written are validated by test/codegen.test.js.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { Kind, parse, print } from "graphql";

const here = fileURLToPath(new URL("..", import.meta.url));
export const README = `${here}../README.md`;
export const FOLDER = `${here}generated/readme`;

/** The ```graphql blocks of a Markdown text: [{line, text}]. */
export function graphqlBlocks(markdown) {
  const blocks = [];
  const pattern = /^```graphql\n([\s\S]*?)^```/gm;
  for (const match of markdown.matchAll(pattern)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    blocks.push({ line, text: match[1] });
  }
  return blocks;
}

export function writeDocuments() {
  const blocks = graphqlBlocks(readFileSync(README, "utf8"));
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(FOLDER, { recursive: true });
  blocks.forEach(({ line, text }, index) => {
    const number = String(index + 1).padStart(2, "0");
    const document = parse(text);
    const definitions = document.definitions.map((definition, position) =>
      definition.kind === Kind.OPERATION_DEFINITION && !definition.name
        ? { ...definition, name: { kind: Kind.NAME, value: `Readme${number}_${position + 1}` } }
        : definition,
    );
    const named = print({ ...document, definitions });
    writeFileSync(`${FOLDER}/block-${number}.graphql`, `# README.md line ${line}\n${named}\n`);
    blocks[index].names = definitions
      .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      .map((definition) => definition.name.value);
  });
  return blocks;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`${writeDocuments().length} README blocks written to ${FOLDER}`);
}
