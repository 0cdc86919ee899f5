package dev.kubelab.cluster;

/** The states of one creation/teardown step, as kind's status spinner shows them (✓ / ✗). */
public enum StepState {
    /** The step began. */
    STARTED,
    /** The step is still running and has news (e.g. bytes pulled of the node image). */
    PROGRESS,
    /** The step finished. */
    SUCCEEDED,
    /** The step failed; the event's detail says why. */
    FAILED,
    /** The step did not apply here (e.g. "Pulling node image" when the image is already present). */
    SKIPPED
}
