/** Slot 0: user sessions with a sliding time-to-live. */
package dev.citadel.client.cache.session;
