package io.ringtap.agent;

/**
 * Builds one pipeline component from the context. The composition root calls the factories in order and
 * runs each component on its own daemon thread; a component that also implements {@link AutoCloseable}
 * is closed after its thread ended. A factory may {@link PipelineContext#share share} objects with the
 * factories after it, and takes what earlier ones shared (the queue, for instance).
 */
@FunctionalInterface
public interface ComponentFactory {

    /**
     * @throws Exception when the component cannot be built; the root then stops what it already started
     *         and reports the agent failed
     */
    RunLoop create(PipelineContext context) throws Exception;
}
