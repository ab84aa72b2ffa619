/** Qdrant helper internals: channels, conversions, failure mapping. No compatibility promise. */
package dev.citadel.client.vector.internal;
