// The session carries our user id (the JWT's subject).
import "next-auth";

declare module "next-auth" {
  interface Session {
    userId: string;
  }
}
