import { graphql } from "@/gql";

export const MeQuery = graphql(`
  query Me {
    me { email firstName lastName name organisation mediaType country countryName preferredLanguage emailVerified dateJoined }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { csrfToken account { name email } }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout { logout { ok csrfToken } }
`);

export const RegisterMutation = graphql(`
  mutation Register($email: String!, $password: String!, $firstName: String!, $lastName: String!, $organisation: String!, $mediaType: MediaType!, $country: String!, $preferredLanguage: LanguageCode!, $acceptTerms: Boolean!, $newsletter: Boolean) {
    register(email: $email, password: $password, firstName: $firstName, lastName: $lastName, organisation: $organisation, mediaType: $mediaType, country: $country, preferredLanguage: $preferredLanguage, acceptTerms: $acceptTerms, newsletter: $newsletter) { email retryAfter }
  }
`);

export const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($email: String!, $code: String!, $password: String) {
    verifyEmail(email: $email, code: $code, password: $password) { ok }
  }
`);

export const ResendCodeMutation = graphql(`
  mutation ResendCode($email: String!, $purpose: CodePurpose!) { resendCode(email: $email, purpose: $purpose) { ok retryAfter } }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) { ok retryAfter } }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!, $next: String) {
    resetPassword(email: $email, code: $code, newPassword: $newPassword, next: $next) { ok next }
  }
`);

export const DeleteAccountMutation = graphql(`
  mutation DeleteAccount($password: String!) { deleteAccount(password: $password) { ok } }
`);
