import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("invitations/:token", "routes/invitation.tsx"),
  route("participants", "routes/participants.tsx"),
  route("participants/new", "routes/participant-new.tsx"),
  route("participants/:id", "routes/participant.tsx"),
  route("participants/:id/edit", "routes/participant-edit.tsx"),
  route("profile", "routes/profile.tsx"),
  route("admin/users", "routes/admin-users.tsx"),
  route("admin/users/:id", "routes/admin-user.tsx"),
  route("admin/audit", "routes/admin-audit.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
