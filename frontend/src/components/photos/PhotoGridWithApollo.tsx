"use client";
import type { ComponentProps } from "react";
import { ApolloWrapper } from "@/lib/apollo-browser";
import { PhotoGrid } from "./PhotoGrid";

export function PhotoGridWithApollo(props: ComponentProps<typeof PhotoGrid>) {
  return (
    <ApolloWrapper>
      <PhotoGrid {...props} />
    </ApolloWrapper>
  );
}
