import { forward } from "@/lib/forward";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return forward(request, "/graphql/");
}

export function POST(request: Request) {
  return forward(request, "/graphql/");
}
