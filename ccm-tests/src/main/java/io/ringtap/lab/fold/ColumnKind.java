package io.ringtap.lab.fold;

/** The role of a column in its table. */
public enum ColumnKind { PARTITION_KEY, CLUSTERING, STATIC, REGULAR }
