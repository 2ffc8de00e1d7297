import type { Lang } from "./i18n";

// A message in the page's language for every code the portal's mutations can meet
// (README: accounts, videos, newsletter). The CMS's own message is the fallback.

type Extra = { retryAfter?: number; remainingAttempts?: number; rules?: string[] };
type Message = string | ((extra: Extra) => string);

const en: Record<string, Message> = {
  INVALID_CREDENTIALS: "The e-mail address or the password is wrong.",
  PASSWORD_REQUIRED: "Enter the password you chose when registering, with the code.",
  EMAIL_NOT_VERIFIED: "Confirm your e-mail address first: enter the code we sent you.",
  LOCKED_OUT: "Too many failed sign-ins: this address is locked for 15 minutes.",
  RATE_LIMITED: (e) => `Too many attempts. Please try again in ${e.retryAfter ?? 60} seconds.`,
  INVALID_CODE: (e) =>
    e.remainingAttempts !== undefined
      ? `This code is not right. ${e.remainingAttempts === 1 ? "1 attempt" : `${e.remainingAttempts} attempts`} left.`
      : "This code is not right.",
  TOO_MANY_ATTEMPTS: "Too many wrong codes: ask for a new code.",
  CODE_EXPIRED: "This code has expired: ask for a new code.",
  RESEND_TOO_SOON: (e) => `Please wait ${e.retryAfter ?? 60} seconds before asking for a new code.`,
  WEAK_PASSWORD: (e) =>
    e.rules?.includes("password_too_similar")
      ? "This password is too close to your e-mail address or your name: choose another."
      : e.rules?.includes("password_too_common")
        ? "This password is too common: choose another."
        : "This password does not follow the rules below.",
  INVALID_EMAIL: "This e-mail address is not valid.",
  FIELD_TOO_LONG: "One of the fields is too long.",
  TERMS_NOT_ACCEPTED: "Please accept the terms of use.",
  INVALID_ARGUMENT: "One of the values is not valid: please check the form.",
  UNKNOWN_TOPIC: "One of the topics does not exist.",
  UNSAFE_REDIRECT: "The page to return to is not on this site.",
  CSRF_FAILED: "Your session has expired. Please reload the page and try again.",
  NOT_AUTHENTICATED: "Please sign in first.",
  INVALID_TOKEN: "This link is not valid, or has already been used.",
  VIDEO_NOT_FOUND: "This video is no longer available.",
  VIDEO_NOT_READY: "This video is still being processed. Please try again later.",
  UNKNOWN_RENDITION: "This quality is not available for this video.",
  SEGMENT_NOT_FOUND: "This shot or soundbite no longer exists.",
  INVALID_TIMECODE: "The in or out point is not a valid time.",
  INVALID_RANGE: "The out point must come after the in point.",
  RANGE_OUT_OF_BOUNDS: "The in and out points must lie within the video.",
  CLIP_TOO_LONG: "This clip is too long. Choose a shorter range.",
  CLIP_FAILED: "The clip could not be made. Please try again.",
  CLIP_BUSY: "The server is busy making other clips. Please try again in a moment.",
  STORAGE_UNAVAILABLE: "Video files cannot be reached right now. Please try again later.",
  NOT_FOUND: "This download no longer exists.",
  CLIP_EXPIRED: "This clip has been removed since: ask for it again.",
  FORBIDDEN: "Your account may not download this file.",
  WHOLE_FILE_ONLY: "This file can only be downloaded whole: choose a video quality for a clip.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Please try again.",
  NETWORK: "The portal cannot be reached. Check your connection and try again.",
};

const fr: Record<string, Message> = {
  INVALID_CREDENTIALS: "L'adresse e-mail ou le mot de passe est incorrect.",
  PASSWORD_REQUIRED: "Saisissez le mot de passe choisi lors de l'inscription, avec le code.",
  EMAIL_NOT_VERIFIED: "Confirmez d'abord votre adresse e-mail : saisissez le code que nous vous avons envoyé.",
  LOCKED_OUT: "Trop de tentatives de connexion échouées : cette adresse est bloquée pendant 15 minutes.",
  RATE_LIMITED: (e) => `Trop de tentatives. Veuillez réessayer dans ${e.retryAfter ?? 60} secondes.`,
  INVALID_CODE: (e) =>
    e.remainingAttempts !== undefined
      ? `Ce code n'est pas le bon. Il vous reste ${e.remainingAttempts <= 1 ? `${e.remainingAttempts} essai` : `${e.remainingAttempts} essais`}.`
      : "Ce code n'est pas le bon.",
  TOO_MANY_ATTEMPTS: "Trop de codes erronés : demandez un nouveau code.",
  CODE_EXPIRED: "Ce code a expiré : demandez un nouveau code.",
  RESEND_TOO_SOON: (e) => `Veuillez patienter ${e.retryAfter ?? 60} secondes avant de demander un nouveau code.`,
  WEAK_PASSWORD: (e) =>
    e.rules?.includes("password_too_similar")
      ? "Ce mot de passe ressemble trop à votre adresse e-mail ou à votre nom : choisissez-en un autre."
      : e.rules?.includes("password_too_common")
        ? "Ce mot de passe est trop courant : choisissez-en un autre."
        : "Ce mot de passe ne respecte pas les règles ci-dessous.",
  INVALID_EMAIL: "Cette adresse e-mail n'est pas valide.",
  FIELD_TOO_LONG: "L'un des champs est trop long.",
  TERMS_NOT_ACCEPTED: "Veuillez accepter les conditions d'utilisation.",
  INVALID_ARGUMENT: "L'une des valeurs n'est pas valide : vérifiez le formulaire.",
  UNKNOWN_TOPIC: "L'un des thèmes n'existe pas.",
  UNSAFE_REDIRECT: "La page de retour n'appartient pas à ce site.",
  CSRF_FAILED: "Votre session a expiré. Rechargez la page et réessayez.",
  NOT_AUTHENTICATED: "Veuillez d'abord vous connecter.",
  INVALID_TOKEN: "Ce lien n'est pas valide ou a déjà servi.",
  VIDEO_NOT_FOUND: "Cette vidéo n'est plus disponible.",
  VIDEO_NOT_READY: "Cette vidéo est encore en cours de traitement. Veuillez réessayer plus tard.",
  UNKNOWN_RENDITION: "Cette qualité n'existe pas pour cette vidéo.",
  SEGMENT_NOT_FOUND: "Ce plan ou cet extrait sonore n'existe plus.",
  INVALID_TIMECODE: "Le point d'entrée ou de sortie n'est pas un temps valide.",
  INVALID_RANGE: "Le point de sortie doit suivre le point d'entrée.",
  RANGE_OUT_OF_BOUNDS: "Les points d'entrée et de sortie doivent être dans la vidéo.",
  CLIP_TOO_LONG: "Cet extrait est trop long. Choisissez une durée plus courte.",
  CLIP_FAILED: "L'extrait n'a pas pu être préparé. Veuillez réessayer.",
  CLIP_BUSY: "Le serveur prépare d'autres extraits. Veuillez réessayer dans un instant.",
  STORAGE_UNAVAILABLE: "Les fichiers vidéo sont momentanément inaccessibles. Veuillez réessayer plus tard.",
  NOT_FOUND: "Ce téléchargement n'existe plus.",
  CLIP_EXPIRED: "Cet extrait a été supprimé depuis : demandez-le à nouveau.",
  FORBIDDEN: "Votre compte ne permet pas de télécharger ce fichier.",
  WHOLE_FILE_ONLY: "Ce fichier ne se télécharge qu'en entier : choisissez une qualité vidéo pour un extrait.",
  INTERNAL_SERVER_ERROR: "Une erreur s'est produite de notre côté. Veuillez réessayer.",
  NETWORK: "Le portail est injoignable. Vérifiez votre connexion et réessayez.",
};

export type CodedError = { code: string; message?: string } & Extra;

export function messageFor(error: CodedError, lang: Lang): string {
  const known = (lang === "fr" ? fr : en)[error.code];
  if (typeof known === "function") return known(error);
  if (known) return known;
  return error.message || (lang === "fr" ? "Une erreur s'est produite." : "Something went wrong.");
}

/** The first coded error of an Apollo error (CombinedGraphQLErrors) or a network failure. */
export function codedError(error: unknown): CodedError {
  const graphQLErrors = (error as { errors?: unknown[] } | null)?.errors;
  if (Array.isArray(graphQLErrors) && graphQLErrors.length) {
    const first = graphQLErrors[0] as { message?: string; extensions?: Record<string, unknown> };
    const ext = first.extensions ?? {};
    return {
      code: typeof ext.code === "string" ? ext.code : "INTERNAL_SERVER_ERROR",
      message: first.message,
      retryAfter: typeof ext.retryAfter === "number" ? ext.retryAfter : undefined,
      remainingAttempts: typeof ext.remainingAttempts === "number" ? ext.remainingAttempts : undefined,
      rules: Array.isArray(ext.rules) ? (ext.rules as string[]) : undefined,
    };
  }
  return { code: "NETWORK" };
}
