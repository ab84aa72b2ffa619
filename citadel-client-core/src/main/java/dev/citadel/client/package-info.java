/**
 * citadel-client's entry point ({@link dev.citadel.client.Citadel}) and its exception tree,
 * rooted at {@link dev.citadel.client.CitadelException}.
 */
package dev.citadel.client;
