import type { Actor } from '../../http/actor.js';

/** Everyone reads and marks their own notifications; nobody another's (the queries take the user). */
export const notificationPolicy = {
  own: (_a: Actor) => true,
};
