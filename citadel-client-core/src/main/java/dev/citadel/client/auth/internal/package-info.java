/** API key internals: format, hashing, usage counting. No compatibility promise. */
package dev.citadel.client.auth.internal;
