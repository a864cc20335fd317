// A process that migrates DATABASE_URL as a server does at start, then stays up (holding its
// connections, as a server would) until SIGTERM. Prints "migrated" or "failed: …".
import { migrate } from "../../lib/db/migrate";

migrate(process.env.DATABASE_URL ?? "", (line) => console.log(line)).then(
  () => console.log("migrated"),
  (err: Error) => {
    console.log(`failed: ${err.message}`);
    process.exit(1);
  },
);
setInterval(() => undefined, 60_000);
process.on("SIGTERM", () => process.exit(0));
