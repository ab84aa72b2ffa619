/** Health reports: named checks with a status, a detail line and structured attributes. */
package dev.citadel.client.health;
