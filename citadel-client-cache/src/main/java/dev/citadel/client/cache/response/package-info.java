/** Slot 1: the API response cache, with bounded TTLs and stampede protection. */
package dev.citadel.client.cache.response;
