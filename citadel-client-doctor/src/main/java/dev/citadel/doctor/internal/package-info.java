/**
 * Doctor internals: argument parsing, the bounded config, the checks and their deadline, secret
 * redaction and the table and JSON renderings. No compatibility promise.
 */
package dev.citadel.doctor.internal;
