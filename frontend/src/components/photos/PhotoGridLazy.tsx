"use client";
// A gallery's photos and their downloads, fetched with Apollo Client only where
// rendered: the catch-all route that renders galleries renders releases too, and
// would otherwise send them with every page it serves.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { PhotoGrid } from "./PhotoGrid";

const Grid = dynamic(() => import("./PhotoGridWithApollo").then((module) => module.PhotoGridWithApollo));

export function PhotoGridLazy(props: ComponentProps<typeof PhotoGrid>) {
  return <Grid {...props} />;
}
