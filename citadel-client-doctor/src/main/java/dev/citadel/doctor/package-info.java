/**
 * The {@code citadel-doctor} command-line check of a Citadel deployment: {@link dev.citadel.doctor.Doctor}.
 */
package dev.citadel.doctor;
