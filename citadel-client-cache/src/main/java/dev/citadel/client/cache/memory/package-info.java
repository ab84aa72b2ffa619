/** Slot 4: conversation memory for AI sessions. */
package dev.citadel.client.cache.memory;
