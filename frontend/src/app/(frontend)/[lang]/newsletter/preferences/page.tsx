import { tokenPage } from "@/components/newsletter/TokenPage";

// FRONTEND_BASE_URL/<language>/newsletter/preferences?token=… (the newsletter's e-mails).
const page = tokenPage("preferences");
export const generateMetadata = page.generateMetadata;
export default page.TokenPage;
