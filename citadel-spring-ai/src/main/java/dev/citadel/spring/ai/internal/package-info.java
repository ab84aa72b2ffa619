/** Implementation of the Spring AI adapters; no compatibility promise. */
package dev.citadel.spring.ai.internal;
