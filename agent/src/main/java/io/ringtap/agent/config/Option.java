package io.ringtap.agent.config;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one configuration option: key, type, default, documentation, validation and
 * whether its value is secret. Declared once, in {@link RingtapOptions}; everything else (parsing,
 * validation, the reference file, masking in logs) derives from the declaration.
 */
public final class Option {

    /** How much an operator should care; orders nothing, shown in the reference file. */
    public enum Importance { HIGH, MEDIUM, LOW }

    private final String key;
    private final OptionType type;
    private final Object defaultValue;
    private final String defaultDoc;
    private final boolean required;
    private final String doc;
    private final Validator validator;
    private final Importance importance;
    private final boolean secret;
    private final List<String> choices;

    private Option(Builder b) {
        this.key = b.key;
        this.type = b.type;
        this.defaultDoc = b.defaultDoc;
        this.required = b.required;
        this.doc = Objects.requireNonNull(b.doc, "doc of " + b.key);
        this.validator = b.validator;
        this.importance = b.importance;
        this.secret = b.secret;
        this.choices = List.copyOf(b.choices);
        if (type == OptionType.ENUM && choices.isEmpty()) {
            throw new IllegalArgumentException("enum option " + key + " needs choices");
        }
        // a bad default fails at class initialisation (every unit test loads the declarations), not at a user's startup
        this.defaultValue = b.defaultValue == null ? null : parse(b.defaultValue);
    }

    /** Starts the declaration of option {@code key} of type {@code type}. */
    public static Builder define(String key, OptionType type) {
        return new Builder(key, type);
    }

    public String key() { return key; }
    public OptionType type() { return type; }
    /** The typed default, or {@code null} when the option has none (required, or derived at runtime). */
    public Object defaultValue() { return defaultValue; }
    /** How the default is explained when it is derived at runtime, e.g. "Cassandra's cdc_raw_directory"; may be empty. */
    public String defaultDoc() { return defaultDoc; }
    public boolean required() { return required; }
    public String doc() { return doc; }
    public Validator validator() { return validator; }
    public Importance importance() { return importance; }
    /** Secret values are never logged nor shown. */
    public boolean secret() { return secret; }
    /** The valid values of an {@link OptionType#ENUM} option; empty for other types. */
    public List<String> choices() { return choices; }

    /** Parses and validates a raw value; returns the typed value or throws with the problem. */
    Object parse(Object raw) {
        Object value = type.parse(raw);
        if (type == OptionType.ENUM && !choices.contains(value)) {
            throw new IllegalArgumentException("must be one of " + choices + ", got " + OptionType.describe(value));
        }
        String problem = validator.check(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Builder of an {@link Option}; {@link #doc(String)} is mandatory. */
    public static final class Builder {
        private final String key;
        private final OptionType type;
        private Object defaultValue;
        private String defaultDoc = "";
        private boolean required;
        private String doc;
        private Validator validator = Validator.ANY;
        private Importance importance = Importance.MEDIUM;
        private boolean secret;
        private List<String> choices = List.of();

        private Builder(String key, OptionType type) {
            this.key = Objects.requireNonNull(key);
            this.type = Objects.requireNonNull(type);
        }

        /** The default, given as it would be written in YAML (parsed and validated by the type). */
        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /** No static default: explains the one derived at runtime. */
        public Builder derivedDefault(String explanation) {
            this.defaultDoc = explanation;
            return this;
        }

        public Builder required() {
            this.required = true;
            this.importance = Importance.HIGH;
            return this;
        }

        public Builder doc(String doc) {
            this.doc = doc;
            return this;
        }

        public Builder validator(Validator validator) {
            this.validator = Objects.requireNonNull(validator);
            return this;
        }

        public Builder importance(Importance importance) {
            this.importance = importance;
            return this;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder choices(String... choices) {
            this.choices = List.of(choices);
            return this;
        }

        public Option build() {
            return new Option(this);
        }
    }
}
