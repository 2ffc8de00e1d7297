"use client";
// The account dialog with the browser's Apollo Client around it: one module, so
// both are fetched together when the dialog is first opened (AccountProvider).
import { ApolloWrapper } from "@/lib/apollo-browser";
import { AccountDialog } from "./AccountDialog";

export function AccountDialogWithApollo(props: Parameters<typeof AccountDialog>[0]) {
  return (
    <ApolloWrapper>
      <AccountDialog {...props} />
    </ApolloWrapper>
  );
}
