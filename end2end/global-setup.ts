// A new shop authenticates cards with EMV 3-D Secure (the server's seed; the
// API tests check it). The specs about everything else run with it off, as a
// shop that chose 利用しない; three-d-secure.spec.ts and the admin's own test
// turn it on and back off.
import { request, type FullConfig } from "@playwright/test";
import { setThreeDSecure } from "./tests/fixtures/pages";

export default async function globalSetup(config: FullConfig) {
  const context = await request.newContext({ baseURL: config.projects[0].use.baseURL });
  try {
    await setThreeDSecure(context, false);
  } finally {
    await context.dispose();
  }
}
