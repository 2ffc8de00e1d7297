"use client";
// The video page's player and downloads, fetched with Apollo Client only where
// rendered: a page module that merely imports them (the catch-all route renders
// releases too) would otherwise send them with every page it serves.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { VideoWorkbench } from "./VideoWorkbench";

const Workbench = dynamic(() => import("./VideoWorkbenchWithApollo").then((module) => module.VideoWorkbenchWithApollo));

export function VideoWorkbenchLazy(props: ComponentProps<typeof VideoWorkbench>) {
  return <Workbench {...props} />;
}
