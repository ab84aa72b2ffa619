/**
 * Implementation of the Citadel test kit. Internal: no compatibility promise; these types may change or
 * disappear in any release. Use {@link dev.citadel.client.testkit.CitadelTestKit} and the other types of
 * {@code dev.citadel.client.testkit} instead.
 */
package dev.citadel.client.testkit.internal;
