/** The starter's implementation; no compatibility promise. */
package dev.citadel.spring.boot.internal;
