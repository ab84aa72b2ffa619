/** Slot 2: reliable job queues with claims, re-delivery and a dead-letter list. */
package dev.citadel.client.cache.queue;
