/** Configuration internals: key table, YAML and environment sources. No compatibility promise. */
package dev.citadel.client.config.internal;
