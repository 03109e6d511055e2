// A new shop authenticates cards with EMV 3-D Secure (the server's seed; the
// API tests check it). The specs about everything else run with it off, as a
// shop that chose 利用しない; three-d-secure.spec.ts and the admin's own test
// turn it on and back off. Likewise the shop-wide velocity guard waits for
// more failed card attempts than the whole suite makes (the suite declines
// cards on purpose); card-testing.spec.ts lowers it and puts it back.
import { request, type FullConfig } from "@playwright/test";
import { setChallengeAfter, setThreeDSecure } from "./tests/fixtures/pages";

/** More failed card attempts than the suite makes in the guard's window. */
export const SUITE_CHALLENGE_AFTER = 100_000;

export default async function globalSetup(config: FullConfig) {
  const context = await request.newContext({ baseURL: config.projects[0].use.baseURL });
  try {
    await setThreeDSecure(context, false);
    await setChallengeAfter(context, SUITE_CHALLENGE_AFTER);
  } finally {
    await context.dispose();
  }
}
