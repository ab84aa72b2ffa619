/** Implementation of the LangChain4j adapters; no compatibility promise. */
package dev.citadel.langchain4j.internal;
