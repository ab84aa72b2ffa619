/** Schema-per-model routing: which schema holds each model's data. */
package dev.citadel.client.routing;
