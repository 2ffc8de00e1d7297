"use client";
import type { ComponentProps } from "react";
import { ApolloWrapper } from "@/lib/apollo-browser";
import { VideoWorkbench } from "./VideoWorkbench";

export function VideoWorkbenchWithApollo(props: ComponentProps<typeof VideoWorkbench>) {
  return (
    <ApolloWrapper>
      <VideoWorkbench {...props} />
    </ApolloWrapper>
  );
}
