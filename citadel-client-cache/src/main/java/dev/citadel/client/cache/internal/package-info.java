/**
 * Cache module internals: connections, key layout, Lua scripts, error mapping and the store
 * implementations. No compatibility promise.
 */
package dev.citadel.client.cache.internal;
