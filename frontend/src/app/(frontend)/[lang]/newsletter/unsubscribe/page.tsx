import { tokenPage } from "@/components/newsletter/TokenPage";

// FRONTEND_BASE_URL/<language>/newsletter/unsubscribe?token=… (the newsletter's e-mails).
const page = tokenPage("unsubscribe");
export const generateMetadata = page.generateMetadata;
export default page.TokenPage;
