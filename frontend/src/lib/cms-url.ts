/** Where the CMS answers (read at run time: the same build serves any CMS). */
export const CMS_URL = (process.env.CMS_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");
