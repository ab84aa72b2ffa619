/** Migration internals. No compatibility promise. */
package dev.citadel.client.migration.internal;
