/**
 * The forwarder: ships the node's local queue to Kafka exactly once for {@code read_committed} consumers,
 * in per-key order, riding out any Kafka outage without dropping anything.
 *
 * <h2>Shape</h2>
 * {@link io.ringtap.agent.forward.Forwarder} is a {@link io.ringtap.agent.RunLoop} (name {@code forward})
 * built from: {@link io.ringtap.agent.forward.ForwarderSettings} (taken from the validated {@code RingtapConfig}:
 * every {@code forward.*} option is declared once, in {@code RingtapOptions}, which is also where the
 * {@code kafka.*} pass-through and its reserved keys are handled, and the topic template is expanded by
 * {@code RingtapConfig.topicFor}), the node's host id, a {@link io.ringtap.agent.forward.ForwardSource}
 * (the queue, read in order from an index; {@code queue.QueueForwardSource} adapts the Chronicle queue to it), a
 * {@link io.ringtap.agent.forward.KafkaClients} factory (tests inject Kafka's MockProducer/MockConsumer) and
 * a {@link io.ringtap.agent.forward.ForwarderStats} that the metrics component exposes.
 * {@link io.ringtap.agent.forward.ForwarderProcess} runs the same forwarder as a process of its own.
 *
 * <h2>In the node, or as its own process</h2>
 * By default the forwarder runs in the node ({@code forward.enabled: true}). DBAs who want no Kafka client in
 * the Cassandra JVM run {@code java ... io.ringtap.agent.tool.Main forward <ringtap.yaml>} on the same host,
 * with the node's own config file, and must then set {@code forward.enabled: false} in the node's config. Why:
 * both forwarders would use the same transactional id ({@code <prefix>-forward-<hostId>}) and each
 * {@code initTransactions()} fences the other. Nothing is duplicated or lost (Kafka fences the older producer
 * and the offsets topic says where to resume), but the loser stops FAILED, or, when the fence reaches it as
 * a retriable error, reconnects and fences back, so the two alternate and mostly abort each other's
 * transactions. The process reads the queue read-only (Chronicle lets other processes tail a queue while
 * the node appends, new roll cycles included) and deletes fully forwarded rolled files past
 * {@code queue.retention-hours}, or at once while the queue is over {@code queue.max-bytes}, as the in-node
 * forwarder would; the node's capture sees the freed space. Its host id is {@code forward.host-id}, else the
 * node of the queue's oldest entry: without {@code forward.host-id} it waits for the queue and its first entry.
 * After each commit it writes the queue's forwarded mark, which the node's capture sizes its backlog from
 * ({@code queue.max-bytes}). Checked by {@code ForwardProcessIT} (kill -9 of the process,
 * the node and the broker).
 *
 * <h2>Exactly once</h2>
 * <ol>
 * <li>One transactional producer per node, transactional id {@code <forward.transactional-id-prefix>-<hostId>}
 * (default prefix {@code <forward.topic-prefix>-forward}, so {@code ringtap-forward-<hostId>}). {@code initTransactions()} on start fences any predecessor with
 * the same id (a forwarder that survived a restart, or the in-JVM forwarder when the separate process
 * starts) and completes or aborts whatever transaction it left open.</li>
 * <li>Each transaction holds the records of a batch of consecutive <em>whole</em> queue entries (an entry
 * is never split; batches are bounded by {@code forward.batch-max-entries} and {@code forward.batch-max-bytes})
 * plus one record to the compacted offsets topic ({@code forward.offsets-topic}, default
 * {@code <prefix>.offsets}, one partition, {@code cleanup.policy=compact}): key = host id, value =
 * {@code {"v":1,"node":..,"index":<queue index of the batch's last entry>,"segment":..,"position":..,"events":..}}.
 * Events and position become visible to {@code read_committed} consumers atomically, or not at all.</li>
 * <li>On (re)connect, after {@code initTransactions()}, the forwarder first ends transactions Kafka left
 * open on a partition without a marker, which its next transaction would otherwise sweep in with the
 * resend ({@link io.ringtap.agent.forward.StaleTransactions}); then it reads the offsets topic from the
 * beginning to its last stable offset with {@code isolation.level=read_committed}, takes the last value
 * under its host id, and reads the queue from the next entry ({@code ForwardSource.startAfter}). Kafka,
 * not a local file, is the truth about what was committed, so a crash of the agent, the node or the broker
 * at any point resumes exactly after the last committed entry.</li>
 * <li>On any retriable error (timeouts, broker down, leader moves, abortable transaction errors,
 * including a commit whose outcome is unknown) the forwarder aborts if it can, drops the producer, backs off
 * ({@code forward.backoff-initial-ms} doubling to {@code forward.backoff-max-ms}, with jitter) and
 * reconnects as in 1 and 3: the records of a transaction that did commit are not sent again, those of one
 * that did not are sent again. Meanwhile entries wait in the queue; capture goes on.</li>
 * <li>Fatal errors (fenced, authentication/authorization, invalid configuration or topic, an event
 * larger than the broker accepts, unexpected runtime errors) are logged once at ERROR, state FAILED, and
 * the run loop returns. The queue keeps everything.</li>
 * </ol>
 * Order: one producer, {@code enable.idempotence=true}, {@code acks=all}, at most 5 requests in flight
 * (forced), records sent in queue order: per topic partition, hence per partition key, Kafka keeps queue
 * order, and a resend after an abort restarts from the first uncommitted entry.
 *
 * <h2>Records</h2>
 * Topic {@code forward.topic-template} (default <code>${prefix}.${keyspace}.${table}</code>, prefix
 * {@code forward.topic-prefix}, default {@code ringtap}); key = the event's record key (partition key JSON),
 * value = the event JSON, both UTF-8; headers {@code ringtap.id} and {@code ringtap.op} (wire name). The
 * producer's partitioner picks the partition from the key.
 *
 * <h2>Topics</h2>
 * With {@code forward.create-topics: true} (default) the forwarder creates each topic with the Admin client on
 * first use ({@code forward.topic-partitions}, {@code forward.topic-replication-factor}; -1 = the broker's
 * {@code num.partitions} / {@code default.replication.factor}) and the offsets topic at start (1 partition,
 * compacted, {@code forward.offsets-topic-replication-factor}); existing topics are left alone. With
 * {@code false}, topics must exist (or the broker auto-creates event topics); the offsets topic must then be
 * created compacted by hand.
 *
 * <h2>Kafka settings</h2>
 * Every {@code kafka.<setting>} goes to the producer with the prefix stripped (TLS, SASL, compression...);
 * the consumer and admin client get those they know. Defaults the user may override: {@code compression.type=lz4},
 * {@code linger.ms=5}, {@code batch.size=262144}. Forced: {@code enable.idempotence=true}, {@code acks=all},
 * {@code transactional.id}, {@code max.in.flight.requests.per.connection<=5}.
 *
 * <h2>Metrics</h2>
 * {@link io.ringtap.agent.forward.ForwarderStats}: events forwarded, lag in entries (sampled once a second
 * through {@code ForwardSource.entriesAfter}) and seconds (how long ago the oldest uncommitted entry was
 * first seen at the queue's end; counts from the forwarder's start for a backlog found at start), Kafka
 * errors, aborted transactions, state ({@link io.ringtap.agent.metrics.ForwarderState}, the one state enum, whose code is the gauge), committed index.
 * {@code ForwarderStats} implements {@code metrics.ForwardReadings}; the composition root binds it. Since queue
 * entries carry no timestamp the forwarder can read cheaply, {@code oldestUnforwardedTs} is the wall-clock time
 * the oldest waiting entry was first seen (so ForwardLagSeconds is the lag above).
 * {@code ForwardSource.forwarded(index)} tells the queue what it may delete once retention allows.
 */
package io.ringtap.agent.forward;
