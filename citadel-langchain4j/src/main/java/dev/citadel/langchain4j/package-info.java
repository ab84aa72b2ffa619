/** LangChain4j adapters over citadel-client: an embedding store, chat memory stores and a chat memory provider. */
package dev.citadel.langchain4j;
