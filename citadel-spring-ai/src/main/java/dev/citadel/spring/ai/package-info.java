/** Spring AI adapters over citadel-client: a vector store and chat memory repositories. */
package dev.citadel.spring.ai;
