/** Slot 5: sliding-window rate limiting decided atomically on the server. */
package dev.citadel.client.cache.ratelimit;
