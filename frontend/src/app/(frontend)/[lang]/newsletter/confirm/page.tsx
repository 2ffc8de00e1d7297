import { tokenPage } from "@/components/newsletter/TokenPage";

// FRONTEND_BASE_URL/<language>/newsletter/confirm?token=… (the newsletter's e-mails).
const page = tokenPage("confirm");
export const generateMetadata = page.generateMetadata;
export default page.TokenPage;
