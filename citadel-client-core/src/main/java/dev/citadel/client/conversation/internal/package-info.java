/** The PostgreSQL implementation of the conversation store; no compatibility promise. */
package dev.citadel.client.conversation.internal;
