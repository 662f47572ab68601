export const auth = {
  "auth.signIn.title": "Sign in",
  "auth.signIn.email": "Email",
  "auth.signIn.password": "Password",
  "auth.signIn.submit": "Sign in",
  "auth.signIn.invalid": "That email and password do not match an active account.",
  "auth.signIn.rateLimited": "Too many tries. For your safety, wait 15 minutes and try again.",
  "auth.email.invalid": "Enter an email address like name@example.org.",
  "auth.password.required": "Enter your password.",
  "auth.signOut.submit": "Sign out",
  "auth.signOutAll.title": "Sign out everywhere",
  "auth.signOutAll.body": "Ends every session of yours, on this and every other device.",
  "auth.signOutAll.submit": "Sign out of all sessions",
} as const;
