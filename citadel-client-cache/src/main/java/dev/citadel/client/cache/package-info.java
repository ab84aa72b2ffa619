/**
 * Redis conventions over Lettuce (the eight DB slots as typed stores). No public API yet: see the
 * project's issue tracker.
 */
package dev.citadel.client.cache;
