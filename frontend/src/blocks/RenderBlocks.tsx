import type { ReleaseFragment } from "@/gql/graphql";
import type { Lang } from "@/lib/i18n";
import { CaptionedImageBlock } from "./CaptionedImageBlock";
import { KeyFigureBlock } from "./KeyFigureBlock";
import { QuoteBlock } from "./QuoteBlock";
import { RichTextBlock } from "./RichTextBlock";

/** A release's body: one component per StreamField block type, by __typename. */
export function RenderBlocks({ blocks, lang }: { blocks: ReleaseFragment["body"]; lang: Lang }) {
  return (
    <>
      {blocks.map((block) => {
        switch (block.__typename) {
          case "RichTextBlock":
            return <RichTextBlock key={block.id} value={block.value} />;
          case "QuoteBlock":
            return <QuoteBlock key={block.id} text={block.text} speaker={block.speaker} lang={lang} />;
          case "KeyFigureBlock":
            return <KeyFigureBlock key={block.id} figure={block.figure} description={block.description} />;
          case "CaptionedImageBlock":
            return <CaptionedImageBlock key={block.id} image={block.image} caption={block.caption} credit={block.credit} />;
          default:
            return null;
        }
      })}
    </>
  );
}
