/** Slot 3: publish and subscribe on {@code pubsub:{domain}:{event}} channels. */
package dev.citadel.client.cache.pubsub;
