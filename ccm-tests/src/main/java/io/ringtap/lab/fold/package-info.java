/**
 * The fold of the EAV spec (shared/spec/eav-event.md, "Rebuilding rows from events"): rebuild a table's rows
 * from its events and compare them with {@code SELECT JSON *}.
 *
 * <ul>
 *   <li>{@link io.ringtap.lab.fold.TableSchema} (by hand, or {@link io.ringtap.lab.fold.DriverSchemas} from a
 *       {@code CqlSession}) describes the table;</li>
 *   <li>{@link io.ringtap.lab.fold.Fold} applies events (any order, duplicates allowed) and yields rows in the
 *       shape of {@code SELECT JSON *};</li>
 *   <li>{@link io.ringtap.lab.fold.RowComparison} compares two row sets independent of order and of equivalent
 *       number text, with a readable diff; {@link io.ringtap.lab.fold.FoldCheck} does fold + SELECT + compare for
 *       a list of tables in one call.</li>
 * </ul>
 *
 * <p>Approximations, on purpose: the last reconciliation tie-break (equal ts, equal expiry, different values)
 * compares re-serialized bytes exactly for native types but JSON text for collections, tuples, UDTs, vectors
 * and durations ({@link io.ringtap.lab.fold.ValueOrder}); partitions come out ordered by key text, not token;
 * an event with {@code ttl} but no {@code expires_at} is treated as non-expiring. Parse JSON with
 * {@link io.ringtap.lab.fold.FoldJson} so that decimals keep their scale.
 */
package io.ringtap.lab.fold;
