package io.ringtap.agent;

/**
 * Opens a pipeline resource that has no thread of its own (the local queue, for instance). The
 * composition root opens resources in declaration order among the components and closes them in
 * reverse, after the threads of the components declared after them stopped. A resource factory
 * typically {@link PipelineContext#share shares} what it opened with the factories after it.
 */
@FunctionalInterface
public interface ResourceFactory {

    /**
     * @throws Exception when the resource cannot be opened; the root then stops what it already started
     */
    AutoCloseable open(PipelineContext context) throws Exception;
}
