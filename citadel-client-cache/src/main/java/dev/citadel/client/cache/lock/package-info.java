/** Slot 6: leased distributed locks with owner tokens and fencing tokens. */
package dev.citadel.client.cache.lock;
