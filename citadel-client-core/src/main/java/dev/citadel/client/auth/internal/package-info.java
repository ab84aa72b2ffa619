/**
 * API key implementation over PostgreSQL: key format, hashing, usage counting. No compatibility
 * promise.
 */
package dev.citadel.client.auth.internal;
