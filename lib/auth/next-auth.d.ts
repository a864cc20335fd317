// The session carries our user id (the JWT's subject) and the Session row it belongs to.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    userId: string;
    sessionId: string;
  }
  interface User {
    /** Set by the credentials sign-in: the Session row opened for this browser. */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
