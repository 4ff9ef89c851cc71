/**
 * Workloads the integration tests and the demo write: {@link io.ringtap.lab.workload.WeatherWorkload} (the
 * classic weather-station table) and {@link io.ringtap.lab.workload.EveryOpWorkload} (every CQL type and every
 * op of the EAV spec, with the exact events the spec requires of key statements as
 * {@link io.ringtap.lab.workload.ExpectedEvent}s).
 */
package io.ringtap.lab.workload;
